package io.github.vigil.log;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run log's timestamps are written exactly as {@link DateTimeFormatter#ISO_INSTANT} writes them.
 */
class InstantsTests {

	@Test
	void everyPrecisionIsWrittenAsTheIsoFormatterWritesIt() {
		for (String text : new String[] { "2026-12-04T18:00:13Z", "2026-12-04T18:00:13.250Z",
				"2026-12-04T18:00:13.000250Z", "2026-12-04T18:00:13.000000250Z", "1970-01-01T00:00:00Z",
				"1969-12-31T23:59:59.999999999Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.100Z",
				"2024-02-29T12:30:45.120Z" }) {
			Instant instant = Instant.parse(text);
			assertThat(Instants.iso(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant)).isEqualTo(text);
		}
	}

	@Test
	void instantsAcrossTheCenturiesAreWrittenAsTheIsoFormatterWritesThem() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 100_000; i++) {
			Instant instant = Instant.ofEpochSecond(random.nextLong(-62_167_219_200L, 253_402_300_800L),
					switch (i % 4) {
						case 0 -> 0;
						case 1 -> random.nextInt(1000) * 1_000_000;
						case 2 -> random.nextInt(1_000_000) * 1_000;
						default -> random.nextInt(1_000_000_000);
					});
			assertThat(Instants.iso(instant)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(instant));
		}
	}

	@Test
	void yearsBeyondFourDigitsAreLeftToTheFormatter() {
		Instant far = Instant.parse("+12026-01-01T00:00:00Z");
		Instant before = Instant.parse("-0001-06-01T00:00:00Z");
		assertThat(Instants.iso(far)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(far));
		assertThat(Instants.iso(before)).isEqualTo(DateTimeFormatter.ISO_INSTANT.format(before));
	}

}
