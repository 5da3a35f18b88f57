package io.github.vigil.cost;

import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Prices by model name. A model is priced by its entry, or by the entry of which it is a snapshot (a date or
 * version stamp, {@code -latest}, an {@code @} or {@code :} tag): {@code gpt-4o-mini} prices
 * {@code gpt-4o-mini-2024-07-18}, and a gateway's {@code anthropic/claude-sonnet-4-5} prices as
 * {@code claude-sonnet-4-5}; {@code gpt-5-pro} is not priced as {@code gpt-5}. The shipped defaults ({@link #defaults()}) are the common OpenAI, Anthropic and Gemini
 * models in US dollars, as the providers published them in late 2025 ({@link #DEFAULTS_TAKEN}); prices change, so
 * check yours and override them.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class PriceTable implements ModelPrices {

	/** When the shipped prices were taken from the providers' pricing pages. */
	public static final String DEFAULTS_TAKEN = "2025-11";

	/** The currency of the shipped prices. */
	public static final String DEFAULT_CURRENCY = "USD";

	private static final Map<String, ModelPrice> SHIPPED = shipped();

	private static final Pattern SNAPSHOT = Pattern.compile("-\\d{4}.*|-latest|[@:].*");

	private final Map<String, ModelPrice> prices;

	private final String currency;

	private final Map<String, Entry> resolved = new ConcurrentHashMap<>();

	private PriceTable(Map<String, ModelPrice> prices, String currency) {
		this.prices = Map.copyOf(prices);
		this.currency = currency;
	}

	/**
	 * Returns the shipped prices, in US dollars.
	 * @return the table
	 */
	public static PriceTable defaults() {
		return new PriceTable(SHIPPED, DEFAULT_CURRENCY);
	}

	/**
	 * Returns a table in a currency: the shipped prices when it is US dollars, else none until added.
	 * @param currency an ISO 4217 code
	 * @return the table
	 * @throws IllegalArgumentException for a code that is not a currency
	 */
	public static PriceTable in(String currency) {
		String code = requireCurrency(currency);
		return new PriceTable(code.equals(DEFAULT_CURRENCY) ? SHIPPED : Map.of(), code);
	}

	/**
	 * Returns this table with a model priced (added or replaced).
	 * @param model the model name, or a prefix of the names it prices
	 * @param price its price
	 * @return the table
	 */
	public PriceTable with(String model, ModelPrice price) {
		Objects.requireNonNull(price, "price must not be null");
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("model must not be blank");
		}
		Map<String, ModelPrice> prices = new LinkedHashMap<>(this.prices);
		prices.put(model.toLowerCase(Locale.ROOT), price);
		return new PriceTable(prices, this.currency);
	}

	/**
	 * Returns the models priced, by name or prefix.
	 * @return the prices
	 */
	public Map<String, ModelPrice> prices() {
		return this.prices;
	}

	@Override
	public @Nullable ModelPrice price(String model) {
		if (this.resolved.size() > 1_000) {
			this.resolved.clear();
		}
		return this.resolved.computeIfAbsent(model, (name) -> new Entry(lookup(name))).price();
	}

	@Override
	public String currency() {
		return this.currency;
	}

	private @Nullable ModelPrice lookup(String model) {
		String name = model.toLowerCase(Locale.ROOT).strip();
		int slash = name.lastIndexOf('/');
		if (slash >= 0) {
			name = name.substring(slash + 1);
		}
		ModelPrice best = null;
		int length = -1;
		for (Map.Entry<String, ModelPrice> entry : this.prices.entrySet()) {
			String key = entry.getKey();
			if (key.length() > length && matches(name, key)) {
				best = entry.getValue();
				length = key.length();
			}
		}
		return best;
	}

	private static boolean matches(String name, String key) {
		if (!name.startsWith(key)) {
			return false;
		}
		if (name.length() == key.length()) {
			return true;
		}
		// a snapshot of the same model (a date or version stamp, a tag), never another model of the family
		return SNAPSHOT.matcher(name.substring(key.length())).matches();
	}

	static String requireCurrency(String currency) {
		try {
			return Currency.getInstance(currency.strip().toUpperCase(Locale.ROOT)).getCurrencyCode();
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new IllegalArgumentException("'" + currency + "' is not an ISO 4217 currency code");
		}
	}

	private static Map<String, ModelPrice> shipped() {
		Map<String, ModelPrice> prices = new LinkedHashMap<>();
		// OpenAI, https://openai.com/api/pricing (standard tier): input, cached input, output
		prices.put("gpt-5", ModelPrice.of("1.25", "0.125", "10.00"));
		prices.put("gpt-5-mini", ModelPrice.of("0.25", "0.025", "2.00"));
		prices.put("gpt-5-nano", ModelPrice.of("0.05", "0.005", "0.40"));
		prices.put("gpt-4.1", ModelPrice.of("2.00", "0.50", "8.00"));
		prices.put("gpt-4.1-mini", ModelPrice.of("0.40", "0.10", "1.60"));
		prices.put("gpt-4.1-nano", ModelPrice.of("0.10", "0.025", "0.40"));
		prices.put("gpt-4o", ModelPrice.of("2.50", "1.25", "10.00"));
		prices.put("gpt-4o-mini", ModelPrice.of("0.15", "0.075", "0.60"));
		prices.put("o1", ModelPrice.of("15.00", "7.50", "60.00"));
		prices.put("o3", ModelPrice.of("2.00", "0.50", "8.00"));
		prices.put("o3-mini", ModelPrice.of("1.10", "0.55", "4.40"));
		prices.put("o4-mini", ModelPrice.of("1.10", "0.275", "4.40"));
		// Anthropic, https://www.anthropic.com/pricing: input, cache read, output; cache write (5 minutes)
		prices.put("claude-opus-4-5", ModelPrice.of("5.00", "0.50", "25.00").withCacheWrite("6.25"));
		prices.put("claude-opus-4-1", ModelPrice.of("15.00", "1.50", "75.00").withCacheWrite("18.75"));
		prices.put("claude-opus-4", ModelPrice.of("15.00", "1.50", "75.00").withCacheWrite("18.75"));
		prices.put("claude-sonnet-4-5", ModelPrice.of("3.00", "0.30", "15.00").withCacheWrite("3.75"));
		prices.put("claude-sonnet-4", ModelPrice.of("3.00", "0.30", "15.00").withCacheWrite("3.75"));
		prices.put("claude-3-7-sonnet", ModelPrice.of("3.00", "0.30", "15.00").withCacheWrite("3.75"));
		prices.put("claude-haiku-4-5", ModelPrice.of("1.00", "0.10", "5.00").withCacheWrite("1.25"));
		prices.put("claude-3-5-haiku", ModelPrice.of("0.80", "0.08", "4.00").withCacheWrite("1.00"));
		// Google, https://ai.google.dev/gemini-api/docs/pricing (prompts up to 200k tokens): input, cached, output
		prices.put("gemini-2.5-pro", ModelPrice.of("1.25", "0.31", "10.00"));
		prices.put("gemini-2.5-flash", ModelPrice.of("0.30", "0.075", "2.50"));
		prices.put("gemini-2.5-flash-lite", ModelPrice.of("0.10", "0.025", "0.40"));
		prices.put("gemini-2.0-flash", ModelPrice.of("0.10", "0.025", "0.40"));
		// embedding models: input only
		prices.put("text-embedding-3-small", ModelPrice.of("0.02", "0"));
		prices.put("text-embedding-3-large", ModelPrice.of("0.13", "0"));
		prices.put("text-embedding-ada-002", ModelPrice.of("0.10", "0"));
		prices.put("gemini-embedding-001", ModelPrice.of("0.15", "0"));
		return Map.copyOf(prices);
	}

	private record Entry(@Nullable ModelPrice price) {
	}

}
