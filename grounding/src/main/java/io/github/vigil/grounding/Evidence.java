package io.github.vigil.grounding;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a run itself knows: its user messages and its tool results. An item of an answer that appears here is
 * backed, like an order total quoted from a lookup or an order id the user typed. Not thread-safe: one evidence
 * serves one check.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Evidence {

	/** Evidence kept per run; more is ignored. */
	public static final int MAX_CHARS = 256 * 1024;

	private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");

	/** No evidence at all. */
	public static final Evidence NONE = new Evidence(List.of());

	private final Supplier<List<String>> texts;

	private @Nullable String text;

	private @Nullable Set<BigDecimal> numbers;

	/**
	 * Creates the evidence; it is read only when an answer has something to check against it.
	 * @param texts the run's user messages and tool results
	 */
	public Evidence(List<String> texts) {
		this.texts = () -> texts;
	}

	/**
	 * Creates evidence gathered only if an answer has something to check against it.
	 * @param texts gathers the run's user messages and tool results
	 */
	Evidence(Supplier<List<String>> texts) {
		this.texts = texts;
	}

	boolean mentions(String lowerCase) {
		return text().contains(lowerCase);
	}

	boolean mentionsUrl(String normalizedUrl) {
		return text().contains(normalizedUrl);
	}

	boolean containsNumber(BigDecimal amount) {
		return numbers().contains(amount);
	}

	private String text() {
		if (this.text == null) {
			StringBuilder all = new StringBuilder();
			for (String text : this.texts.get()) {
				if (all.length() >= MAX_CHARS) {
					break;
				}
				all.append(text, 0, Math.min(text.length(), MAX_CHARS - all.length())).append('\n');
			}
			this.text = all.toString().toLowerCase(Locale.ROOT);
		}
		return this.text;
	}

	private Set<BigDecimal> numbers() {
		if (this.numbers == null) {
			Set<BigDecimal> numbers = new HashSet<>();
			Matcher matcher = NUMBER.matcher(text());
			while (matcher.find() && numbers.size() < 10_000) {
				try {
					numbers.add(GroundingIndex.normalizePrice(new BigDecimal(matcher.group().replace(",", ""))));
				}
				catch (NumberFormatException | ArithmeticException ex) {
					// not a usable number
				}
			}
			this.numbers = numbers;
		}
		return this.numbers;
	}

}
