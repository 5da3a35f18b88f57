package io.github.vigil.grounding;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a run itself knows: its user messages and its tool results. An item of an answer that appears here is
 * backed, like an order total quoted from a lookup or an order id the user typed.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Evidence {

	/** Evidence kept per run; more is ignored. */
	public static final int MAX_CHARS = 256 * 1024;

	private static final Pattern NUMBER = Pattern.compile("\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?");

	private final String text;

	private final Set<BigDecimal> numbers = new HashSet<>();

	/**
	 * Creates the evidence.
	 * @param texts the run's user messages and tool results
	 */
	public Evidence(List<String> texts) {
		StringBuilder all = new StringBuilder();
		for (String text : texts) {
			if (all.length() >= MAX_CHARS) {
				break;
			}
			all.append(text, 0, Math.min(text.length(), MAX_CHARS - all.length())).append('\n');
		}
		this.text = all.toString().toLowerCase(Locale.ROOT);
		Matcher matcher = NUMBER.matcher(this.text);
		while (matcher.find() && this.numbers.size() < 10_000) {
			try {
				this.numbers.add(GroundingIndex.normalizePrice(new BigDecimal(matcher.group().replace(",", ""))));
			}
			catch (NumberFormatException | ArithmeticException ex) {
				// not a usable number
			}
		}
	}

	boolean mentions(String lowerCase) {
		return this.text.contains(lowerCase);
	}

	boolean mentionsUrl(String normalizedUrl) {
		return this.text.contains(normalizedUrl);
	}

	boolean containsNumber(BigDecimal amount) {
		return this.numbers.contains(amount);
	}

}
