package io.github.vigil.grounding;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;

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
			String text = text();
			int length = text.length();
			int i = 0;
			// numbers as the answer's prices are read: digits with optional thousands groups (1,299) and decimals,
			// found in one pass rather than a regular expression tried at every position
			while (i < length && numbers.size() < 10_000) {
				if (!isDigit(text.charAt(i))) {
					i++;
					continue;
				}
				int start = i;
				while (i < length && isDigit(text.charAt(i))) {
					i++;
				}
				boolean grouped = false;
				if (i - start <= 3) {
					while (i + 3 < length && text.charAt(i) == ',' && isDigit(text.charAt(i + 1))
							&& isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3))) {
						i += 4;
						grouped = true;
					}
				}
				if (i + 1 < length && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
					i++;
					while (i < length && isDigit(text.charAt(i))) {
						i++;
					}
				}
				String number = text.substring(start, i);
				try {
					numbers.add(GroundingIndex.normalizePrice(new BigDecimal(grouped ? number.replace(",", "") : number)));
				}
				catch (NumberFormatException | ArithmeticException ex) {
					// not a usable number
				}
			}
			this.numbers = numbers;
		}
		return this.numbers;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}


}
