package io.github.vigil.metrics;

import java.util.Arrays;
import java.util.SplittableRandom;

import io.github.vigil.store.LogHistogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one way Vigil buckets what it keeps and reads quantiles from it.
 */
class LogBucketsTests {

	@Test
	void eachValueFallsInsideItsBucketAndBucketsAreAboutNinePercentWide() {
		SplittableRandom random = new SplittableRandom(7);
		for (int i = 0; i < 100_000; i++) {
			double value = Math.exp(random.nextDouble(0, 30));
			int index = LogBuckets.index(value);
			assertThat(LogBuckets.lower(index)).isLessThanOrEqualTo(value * (1 + 1e-12));
			assertThat(LogBuckets.upper(index)).isGreaterThanOrEqualTo(value * (1 - 1e-12));
			assertThat(LogBuckets.upper(index) / LogBuckets.lower(index)).isCloseTo(Math.pow(2, 1 / 8.0),
					org.assertj.core.data.Offset.offset(1e-9));
		}
	}

	@Test
	void zeroAndLessHaveTheirOwnBucket() {
		assertThat(LogBuckets.index(0)).isEqualTo(LogBuckets.ZERO);
		assertThat(LogBuckets.index(-3)).isEqualTo(LogBuckets.ZERO);
		assertThat(LogBuckets.index(Double.NaN)).isEqualTo(LogBuckets.ZERO);
		assertThat(LogBuckets.upper(LogBuckets.ZERO)).isZero();
	}

	@Test
	void aQuantileIsNeverBelowTheTrueValueNorMoreThanABucketAbove() {
		SplittableRandom random = new SplittableRandom(11);
		long[] values = new long[10_001];
		LogHistogram histogram = new LogHistogram();
		for (int i = 0; i < values.length; i++) {
			values[i] = 1 + (long) Math.exp(random.nextDouble(0, 20));
			histogram.add(values[i]);
		}
		Arrays.sort(values);
		for (double q : new double[] { 0.01, 0.5, 0.95, 0.99, 1.0 }) {
			long exact = values[(int) Math.ceil(q * values.length) - 1];
			assertThat(histogram.quantile(q)).isGreaterThanOrEqualTo(exact).isLessThanOrEqualTo(exact * 1.0906);
		}
	}

	@Test
	void nothingCountedHasNoQuantileAndZerosComeFirst() {
		assertThat(new LogHistogram().quantile(0.5)).isNaN();
		LogHistogram histogram = new LogHistogram().add(0).add(0).add(0).add(1000);
		assertThat(histogram.quantile(0.5)).isZero();
		assertThat(histogram.quantile(1.0)).isGreaterThanOrEqualTo(1000);
		assertThat(histogram.buckets()).hasSize(2);
		assertThat(histogram.count()).isEqualTo(4);
	}

	@Test
	void bucketsCountedApartAddUpInAnyOrder() {
		LogHistogram histogram = new LogHistogram().add(40, 2).add(10, 1).add(LogBuckets.ZERO, 1).add(25, 3);
		assertThat(histogram.buckets()).extracting(LogHistogram.Bucket::count).containsExactly(1L, 1L, 3L, 2L);
		assertThat(histogram.quantile(0.5)).isEqualTo(LogBuckets.upper(25));
	}

}
