package io.github.vigil.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of values in logarithmic buckets, eight to a doubling (each bucket about 9% wide): the one way Vigil turns
 * stored durations and token counts into quantiles and distributions, whether a database counted them or memory did.
 * A quantile is the upper edge of the bucket it falls in, so it is never below the true value by more than a bucket.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class LogHistogram {

	/** Buckets to a doubling. */
	public static final int PER_DOUBLING = 8;

	/** The bucket of values of 0 (and less). */
	public static final int ZERO = -1;

	private final TreeMap<Integer, Long> counts = new TreeMap<>();

	private long total;

	/**
	 * Returns the bucket of a value.
	 * @param value the value
	 * @return its bucket's index
	 */
	public static int index(long value) {
		if (value <= 0) {
			return ZERO;
		}
		return (int) Math.floor(Math.log(value) / Math.log(2) * PER_DOUBLING);
	}

	/**
	 * Returns the upper edge of a bucket.
	 * @param index the bucket
	 * @return the largest value it counts
	 */
	public static double upper(int index) {
		return (index == ZERO) ? 0 : Math.pow(2, (index + 1) / (double) PER_DOUBLING);
	}

	/**
	 * Returns the lower edge of a bucket.
	 * @param index the bucket
	 * @return the smallest value it counts
	 */
	public static double lower(int index) {
		return (index == ZERO) ? 0 : Math.pow(2, index / (double) PER_DOUBLING);
	}

	/**
	 * Counts a value.
	 * @param value the value
	 * @return this histogram
	 */
	public LogHistogram add(long value) {
		return add(index(value), 1);
	}

	/**
	 * Counts values of a bucket.
	 * @param index the bucket
	 * @param count how many
	 * @return this histogram
	 */
	public LogHistogram add(int index, long count) {
		if (count > 0) {
			this.counts.merge(index, count, Long::sum);
			this.total += count;
		}
		return this;
	}

	/**
	 * Returns how many values were counted.
	 * @return the count
	 */
	public long count() {
		return this.total;
	}

	/**
	 * Returns a quantile.
	 * @param quantile in [0, 1]
	 * @return the value below which that share of values falls, {@code NaN} when nothing was counted
	 */
	public double quantile(double quantile) {
		if (this.total == 0) {
			return Double.NaN;
		}
		long rank = Math.max(1, (long) Math.ceil(quantile * this.total));
		long seen = 0;
		for (Map.Entry<Integer, Long> bucket : this.counts.entrySet()) {
			seen += bucket.getValue();
			if (seen >= rank) {
				return upper(bucket.getKey());
			}
		}
		return upper(this.counts.lastKey());
	}

	/**
	 * Returns the buckets that counted something, smallest first.
	 * @return each bucket's edges and count
	 */
	public List<Bucket> buckets() {
		List<Bucket> buckets = new ArrayList<>(this.counts.size());
		this.counts.forEach((index, count) -> buckets.add(new Bucket(lower(index), upper(index), count)));
		return buckets;
	}

	/**
	 * One bucket.
	 *
	 * @param from its lower edge
	 * @param to its upper edge
	 * @param count how many values it counted
	 */
	public record Bucket(double from, double to, long count) {
	}

}
