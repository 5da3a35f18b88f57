package io.github.vigil.guard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An agent's token baseline is the p95 of its most recent completed runs, refreshed every sixteen runs.
 */
class TokenBaselinesTests {

	@Test
	void noBaselineBeforeEnoughRunsCompleted() {
		TokenBaselines baselines = new TokenBaselines(50, 1000);
		for (int i = 0; i < 49; i++) {
			baselines.record("SupportAgent", 2_000);
		}

		assertThat(baselines.p95("SupportAgent")).isNaN();
		baselines.record("SupportAgent", 2_000);
		assertThat(baselines.p95("SupportAgent")).isEqualTo(2_000);
		assertThat(baselines.p95("OtherAgent")).isNaN();
	}

	@Test
	void theBaselineIsTheNearestRankP95OfTheRecentRunsRefreshedEverySixteenRuns() {
		TokenBaselines baselines = new TokenBaselines(1, 100);
		for (int i = 0; i < 13; i++) {
			baselines.record("SupportAgent", 1_000_000);
		}
		List<Long> recent = new ArrayList<>();
		for (long tokens = 1; tokens <= 100; tokens++) {
			recent.add(tokens * 100);
		}
		Collections.shuffle(recent, new Random(3));
		recent.forEach((tokens) -> baselines.record("SupportAgent", tokens));

		assertThat(baselines.p95("SupportAgent")).as("after 113 runs, the 100 most recent").isEqualTo(9_500);
	}

	@Test
	void oldRunsLeaveTheWindow() {
		TokenBaselines baselines = new TokenBaselines(1, 100);
		for (int i = 0; i < 100; i++) {
			baselines.record("SupportAgent", 40_000);
		}
		for (int i = 0; i < 112; i++) {
			baselines.record("SupportAgent", 2_000);
		}

		assertThat(baselines.p95("SupportAgent")).isEqualTo(2_000);
	}

	@Test
	void selectionAgreesWithSortingOnRandomAndRepetitiveSamples() {
		Random random = new Random(7);
		for (int trial = 0; trial < 2_000; trial++) {
			long[] values = new long[1 + random.nextInt(1_200)];
			int distinct = 1 + random.nextInt((trial % 2 == 0) ? 5 : 100_000);
			for (int i = 0; i < values.length; i++) {
				values[i] = 500 + random.nextInt(distinct);
			}
			int k = random.nextInt(values.length);
			long[] sorted = values.clone();
			Arrays.sort(sorted);

			assertThat(TokenBaselines.select(values.clone(), k)).isEqualTo(sorted[k]);
		}
	}

}
