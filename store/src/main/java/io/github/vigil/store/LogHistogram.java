package io.github.vigil.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.github.vigil.metrics.LogBuckets;

/**
 * Counts of stored values (durations, token counts) in {@link LogBuckets}, whether a database counted them or memory
 * did: the store's distributions and quantiles, read the way alerts read theirs.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class LogHistogram {

	/** Buckets to a doubling: {@link LogBuckets#PER_DOUBLING}. */
	public static final int PER_DOUBLING = LogBuckets.PER_DOUBLING;

	/** The bucket of values of 0 (and less): {@link LogBuckets#ZERO}. */
	public static final int ZERO = LogBuckets.ZERO;

	private long zero;

	/** Counts of the buckets from {@link #first} on. */
	private long[] counts = new long[0];

	private int first;

	private long total;

	/**
	 * Returns the bucket of a value.
	 * @param value the value
	 * @return its bucket, {@link #ZERO} for 0 or less
	 */
	public static int index(long value) {
		return LogBuckets.index(value);
	}

	/**
	 * Returns a bucket's upper edge.
	 * @param index the bucket
	 * @return its upper edge, 0 for {@link #ZERO}
	 */
	public static double upper(int index) {
		return LogBuckets.upper(index);
	}

	/**
	 * Returns a bucket's lower edge.
	 * @param index the bucket
	 * @return its lower edge, 0 for {@link #ZERO}
	 */
	public static double lower(int index) {
		return LogBuckets.lower(index);
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
	 * Counts values already bucketed, as a database query returns them.
	 * @param index the bucket
	 * @param count how many values fell in it
	 * @return this histogram
	 */
	public LogHistogram add(int index, long count) {
		if (count <= 0) {
			return this;
		}
		this.total += count;
		if (index == ZERO) {
			this.zero += count;
			return this;
		}
		if (this.counts.length == 0) {
			this.counts = new long[1];
			this.first = index;
		}
		else if (index < this.first) {
			long[] grown = new long[this.counts.length + (this.first - index)];
			System.arraycopy(this.counts, 0, grown, this.first - index, this.counts.length);
			this.counts = grown;
			this.first = index;
		}
		else if (index >= this.first + this.counts.length) {
			this.counts = Arrays.copyOf(this.counts, index - this.first + 1);
		}
		this.counts[index - this.first] += count;
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
	 * Returns a quantile: the upper edge of the bucket holding it.
	 * @param quantile the quantile, such as 0.95
	 * @return the value, or NaN when nothing was counted
	 */
	public double quantile(double quantile) {
		return LogBuckets.quantile(this.zero, this.counts, this.first, quantile);
	}

	/**
	 * Returns the buckets that hold values, lowest first.
	 * @return the buckets
	 */
	public List<Bucket> buckets() {
		List<Bucket> buckets = new ArrayList<>();
		if (this.zero > 0) {
			buckets.add(new Bucket(0, 0, this.zero));
		}
		for (int i = 0; i < this.counts.length; i++) {
			if (this.counts[i] > 0) {
				buckets.add(new Bucket(lower(this.first + i), upper(this.first + i), this.counts[i]));
			}
		}
		return buckets;
	}

	/**
	 * One bucket.
	 *
	 * @param from its lower edge
	 * @param to its upper edge
	 * @param count how many values fell in it
	 */
	public record Bucket(double from, double to, long count) {
	}

}
