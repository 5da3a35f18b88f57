package io.github.vigil.alert;

import io.github.vigil.metrics.LogBuckets;

/**
 * Latencies in {@link LogBuckets} from 0.1 ms to about 18 minutes (shorter ones count in the first bucket, longer in
 * the last), so a quantile is known within 9%, enough to compare p95 with twice a baseline or p99 with ten times
 * p50. Not thread-safe.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class LatencyHistogram {

	/** The bucket of 0.1 ms, in nanoseconds. */
	private static final int FIRST = LogBuckets.index(100_000);

	/** The bucket of 2^40 ns, about 18 minutes. */
	private static final int LAST = 40 * LogBuckets.PER_DOUBLING;

	static final int BUCKETS = LAST - FIRST + 1;

	private final long[] counts = new long[BUCKETS];

	private long total;

	void record(long nanos) {
		int bucket = Math.min(Math.max(LogBuckets.index(nanos), FIRST), LAST);
		this.counts[bucket - FIRST]++;
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
		return LogBuckets.quantile(0, counts, FIRST, quantile) / 1e9;
	}

}
