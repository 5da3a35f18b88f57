package io.github.vigil.autoconfigure;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.vigil.cost.ModelPrice;
import io.github.vigil.cost.PriceTable;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Cost in money.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.cost")
public class CostProperties {

	/**
	 * ISO 4217 currency of prices and costs. The shipped prices are in USD; with another currency only
	 * vigil.cost.prices price models.
	 */
	private String currency = PriceTable.DEFAULT_CURRENCY;

	/**
	 * Prices per model name (or a prefix its snapshots share), per million tokens, over the shipped table; for
	 * names with dots use brackets: vigil.cost.prices[gpt-4.1].input.
	 */
	private Map<String, Price> prices = new LinkedHashMap<>();

	public String getCurrency() {
		return this.currency;
	}

	public void setCurrency(String currency) {
		this.currency = currency;
	}

	public Map<String, Price> getPrices() {
		return this.prices;
	}

	public void setPrices(Map<String, Price> prices) {
		this.prices = prices;
	}

	PriceTable toPriceTable() {
		PriceTable table;
		try {
			table = PriceTable.in(this.currency);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("vigil.cost.currency: " + ex.getMessage());
		}
		for (Map.Entry<String, Price> entry : this.prices.entrySet()) {
			table = table.with(entry.getKey(), entry.getValue().toPrice("vigil.cost.prices." + entry.getKey()));
		}
		return table;
	}

	/**
	 * A model's price per million tokens.
	 */
	public static class Price {

		/**
		 * Price of a million uncached input tokens.
		 */
		private @Nullable BigDecimal input;

		/**
		 * Price of a million input tokens read from the prompt cache; the input price when unset.
		 */
		private @Nullable BigDecimal cachedInput;

		/**
		 * Price of a million input tokens written to the prompt cache (Anthropic); the input price when unset.
		 */
		private @Nullable BigDecimal cacheWrite;

		/**
		 * Price of a million output tokens.
		 */
		private @Nullable BigDecimal output;

		/**
		 * Price of a million reasoning tokens, where billed apart from output; the output price when unset.
		 */
		private @Nullable BigDecimal reasoning;

		public @Nullable BigDecimal getInput() {
			return this.input;
		}

		public void setInput(@Nullable BigDecimal input) {
			this.input = input;
		}

		public @Nullable BigDecimal getCachedInput() {
			return this.cachedInput;
		}

		public void setCachedInput(@Nullable BigDecimal cachedInput) {
			this.cachedInput = cachedInput;
		}

		public @Nullable BigDecimal getCacheWrite() {
			return this.cacheWrite;
		}

		public void setCacheWrite(@Nullable BigDecimal cacheWrite) {
			this.cacheWrite = cacheWrite;
		}

		public @Nullable BigDecimal getOutput() {
			return this.output;
		}

		public void setOutput(@Nullable BigDecimal output) {
			this.output = output;
		}

		public @Nullable BigDecimal getReasoning() {
			return this.reasoning;
		}

		public void setReasoning(@Nullable BigDecimal reasoning) {
			this.reasoning = reasoning;
		}

		ModelPrice toPrice(String property) {
			if (this.input == null || this.output == null) {
				throw new IllegalStateException(property + " needs both input and output prices");
			}
			requireNotNegative(property + ".input", this.input);
			requireNotNegative(property + ".cached-input", this.cachedInput);
			requireNotNegative(property + ".cache-write", this.cacheWrite);
			requireNotNegative(property + ".output", this.output);
			requireNotNegative(property + ".reasoning", this.reasoning);
			return new ModelPrice(this.input, this.cachedInput, this.cacheWrite, this.output, this.reasoning);
		}

		private static void requireNotNegative(String property, @Nullable BigDecimal value) {
			if (value != null && value.signum() < 0) {
				throw new IllegalStateException(property + " must not be negative, was " + value.toPlainString());
			}
		}

	}

}
