package io.github.vigil.alert;

/**
 * A small fixed-bucket histogram of latencies: buckets grow by 25% from 0.1 ms to beyond 10 minutes, so a quantile
 * is known within 25%, enough to compare p95 with twice a baseline or p99 with ten times p50. Not thread-safe.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class LatencyHistogram {

	static final int BUCKETS = 100;

	private static final double FIRST_BOUND_NANOS = 100_000;

	private static final double GROWTH = 1.25;

	private static final double LOG_GROWTH = Math.log(GROWTH);

	private final long[] counts = new long[BUCKETS];

	private long total;

	void record(long nanos) {
		this.counts[bucket(nanos)]++;
		this.total++;
	}

	void addTo(long[] into) {
		for (int i = 0; i < BUCKETS; i++) {
			into[i] += this.counts[i];
		}
	}

	long total() {
		return this.total;
	}

	/**
	 * Returns a quantile of merged bucket counts, in seconds: the upper bound of the bucket holding it.
	 */
	static double quantileSeconds(long[] counts, double quantile) {
		long total = 0;
		for (long count : counts) {
			total += count;
		}
		if (total == 0) {
			return Double.NaN;
		}
		long rank = (long) Math.ceil(quantile * total);
		long seen = 0;
		for (int i = 0; i < counts.length; i++) {
			seen += counts[i];
			if (seen >= rank) {
				return upperBoundNanos(i) / 1e9;
			}
		}
		return upperBoundNanos(counts.length - 1) / 1e9;
	}

	private static int bucket(long nanos) {
		if (nanos <= FIRST_BOUND_NANOS) {
			return 0;
		}
		int bucket = (int) Math.ceil(Math.log(nanos / FIRST_BOUND_NANOS) / LOG_GROWTH);
		return Math.min(bucket, BUCKETS - 1);
	}

	private static double upperBoundNanos(int bucket) {
		return FIRST_BOUND_NANOS * Math.pow(GROWTH, bucket);
	}

}
