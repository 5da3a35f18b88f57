package io.github.vigil.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Makes content safe for the run log: e-mail addresses, phone numbers and payment card numbers (Luhn-checked)
 * become {@code [email]}, {@code [phone]} and {@code [card]}, and the text is cut to a maximum length.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ContentRedactor {

	/** What ends content that was cut. */
	public static final String TRUNCATED = "…[truncated]";

	private static final int MIN_CARD_DIGITS = 13;

	private static final int MIN_PHONE_DIGITS = 7;

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");

	private static final Pattern CARD = Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])");

	private static final Pattern PHONE = Pattern.compile("(?<![\\w+])(?:"
			+ "\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,5}"
			+ "|\\(\\d{3}\\)[ .-]?\\d{3}[ .-]\\d{4}"
			+ "|\\d{3}[ .-]\\d{3}[ .-]\\d{4}"
			+ "|0\\d{2,4}[ .-]?\\d{3,4}[ .-]?\\d{3,4}"
			+ ")(?!\\w)");

	private final int maxLength;

	private final boolean redactPii;

	/**
	 * Creates a redactor.
	 * @param maxLength maximum length of content kept
	 * @param redactPii whether e-mail addresses, phone numbers and card numbers are masked
	 */
	public ContentRedactor(int maxLength, boolean redactPii) {
		this.maxLength = Math.max(0, maxLength);
		this.redactPii = redactPii;
	}

	/**
	 * Redacts and truncates content.
	 * @param content the content
	 * @return the safe content, {@code null} for {@code null}
	 */
	public @Nullable String apply(@Nullable String content) {
		if (content == null) {
			return null;
		}
		boolean cut = content.length() > this.maxLength;
		// redact a little past the cut, so a number straddling it is masked whole
		String text = cut ? content.substring(0, Math.min(content.length(), this.maxLength + 64)) : content;
		if (this.redactPii) {
			if (text.indexOf('@') >= 0) {
				text = EMAIL.matcher(text).replaceAll("[email]");
			}
			int digits = countDigits(text);
			if (digits >= MIN_CARD_DIGITS) {
				text = redactCards(text);
			}
			if (digits >= MIN_PHONE_DIGITS) {
				text = PHONE.matcher(text).replaceAll("[phone]");
			}
		}
		if (cut || text.length() > this.maxLength) {
			return text.substring(0, Math.min(text.length(), this.maxLength)) + TRUNCATED;
		}
		return text;
	}

	/**
	 * Truncates an identifier (a user id, a run id) without masking it, so that runs stay attributable while no
	 * field grows without bound.
	 * @param identifier the identifier
	 * @return the identifier, cut to the maximum length, {@code null} for {@code null}
	 */
	public @Nullable String truncate(@Nullable String identifier) {
		if (identifier == null || identifier.length() <= this.maxLength) {
			return identifier;
		}
		return identifier.substring(0, this.maxLength) + TRUNCATED;
	}

	private static int countDigits(String text) {
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits++;
			}
		}
		return digits;
	}

	private static String redactCards(String text) {
		Matcher matcher = CARD.matcher(text);
		StringBuilder out = null;
		int last = 0;
		while (matcher.find()) {
			if (passesLuhn(matcher.group())) {
				if (out == null) {
					out = new StringBuilder(text.length());
				}
				out.append(text, last, matcher.start()).append("[card]");
				last = matcher.end();
			}
		}
		if (out == null) {
			return text;
		}
		return out.append(text, last, text.length()).toString();
	}

	private static boolean passesLuhn(String candidate) {
		int sum = 0;
		boolean doubled = false;
		int digits = 0;
		for (int i = candidate.length() - 1; i >= 0; i--) {
			char c = candidate.charAt(i);
			if (c < '0' || c > '9') {
				continue;
			}
			int d = c - '0';
			if (doubled) {
				d *= 2;
				if (d > 9) {
					d -= 9;
				}
			}
			sum += d;
			doubled = !doubled;
			digits++;
		}
		return digits >= 13 && sum % 10 == 0;
	}

}
