package io.github.vigil.log;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Instants written as {@link DateTimeFormatter#ISO_INSTANT} writes them ({@code 2026-12-04T18:00:13.250Z}: the
 * fraction in groups of three digits, as many as it needs), without the formatter's general machinery: the run log
 * writes one per run on the user's thread.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Instants {

	private static final int SECONDS_PER_DAY = 86_400;

	private static final int[] POWERS = { 1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

	private Instants() {
	}

	/**
	 * Writes an instant.
	 * @param instant the instant
	 * @return it as ISO-8601 in UTC, exactly as {@link DateTimeFormatter#ISO_INSTANT} formats it
	 */
	static String iso(Instant instant) {
		long seconds = instant.getEpochSecond();
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
		if (date.getYear() < 0 || date.getYear() > 9999) {
			return DateTimeFormatter.ISO_INSTANT.format(instant);
		}
		int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
		StringBuilder out = new StringBuilder(30);
		digits(out, date.getYear(), 4).append('-');
		digits(out, date.getMonthValue(), 2).append('-');
		digits(out, date.getDayOfMonth(), 2).append('T');
		digits(out, secondOfDay / 3600, 2).append(':');
		digits(out, (secondOfDay / 60) % 60, 2).append(':');
		digits(out, secondOfDay % 60, 2);
		int nanos = instant.getNano();
		if (nanos != 0) {
			out.append('.');
			if (nanos % 1_000_000 == 0) {
				digits(out, nanos / 1_000_000, 3);
			}
			else if (nanos % 1_000 == 0) {
				digits(out, nanos / 1_000, 6);
			}
			else {
				digits(out, nanos, 9);
			}
		}
		return out.append('Z').toString();
	}

	/** Writes a number of at most {@code width} digits, zero-padded to it. */
	private static StringBuilder digits(StringBuilder out, int value, int width) {
		for (int divisor = POWERS[width - 1]; divisor > 0; divisor /= 10) {
			out.append((char) ('0' + (value / divisor) % 10));
		}
		return out;
	}

}
