package io.github.vigil.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * How the {@code vigil} endpoint reads its query parameters: each bad value is answered 400 with the parameter's
 * name and what it accepts.
 */
final class Parameters {

	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

	/** The longest range a question may span. */
	static final Duration MAX_RANGE = Duration.ofDays(31);

	private Parameters() {
	}

	/** A time range back from now: {@code 15m}, {@code 1h}, {@code 6h}, {@code 24h}, up to 31 days; none for the default. */
	static @Nullable Duration range(@Nullable String text) {
		if (text == null || text.isBlank() || "auto".equals(text.strip())) {
			return null;
		}
		Duration range = duration("range", text);
		if (range.compareTo(MAX_RANGE) > 0 || range.compareTo(Duration.ofMinutes(1)) < 0) {
			throw EndpointError.invalid("range must be between 1m and 31d, was \"" + cut(text) + "\"");
		}
		return range;
	}

	/** A duration such as {@code 15m}, {@code 2h}, {@code 7d} or {@code PT15M}. */
	static Duration duration(String name, String text) {
		String value = text.strip();
		Matcher matcher = SHORT_DURATION.matcher(value);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw EndpointError.invalid(name + " must be a duration such as 15m, 2h, 7d or PT15M, was \"" + cut(text)
					+ "\"");
		}
	}

	/** An ISO-8601 instant, or a time back from now such as {@code 30m}; none when blank. */
	static @Nullable Instant time(String name, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.now().minus(duration(name, text));
			}
			catch (EndpointError notADuration) {
				throw EndpointError.invalid(name + " must be an ISO-8601 instant such as "
						+ "2026-11-30T10:15:00Z, or a time back from now such as 30m, was \"" + cut(text) + "\"");
			}
		}
	}

	/** A whole number from {@code min} to {@code max}; {@code fallback} when blank. */
	static int whole(String name, @Nullable String text, int fallback, int min, int max) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw EndpointError.invalid(
				name + " must be a whole number from " + min + " to " + max + ", was \"" + cut(text) + "\"");
	}

	/** {@code true} or {@code false}; false when blank. */
	static boolean flag(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw EndpointError.invalid(name + " must be true or false, was \"" + cut(value) + "\"");
		};
	}

	static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	/** A value as an error message quotes it: at most 60 characters. */
	static String cut(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

}
