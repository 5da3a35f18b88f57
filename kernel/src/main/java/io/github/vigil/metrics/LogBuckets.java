package io.github.vigil.metrics;

/**
 * The one way Vigil buckets a distribution it keeps itself (latencies for alerts and the console, tokens per run, the
 * store's queries) and reads a quantile from it: logarithmic buckets, {@value #PER_DOUBLING} per doubling (each about
 * 9% wider than the last), and a quantile is the upper bound of the bucket that holds its rank, so it is known within
 * 9%. Values of zero or less have a bucket of their own, {@value #ZERO}. The run store computes the same index in SQL.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class LogBuckets {

	/** Buckets per doubling of the value. */
	public static final int PER_DOUBLING = 8;

	/** The bucket of values of zero or less. */
	public static final int ZERO = -1;

	private static final double PER_LOG = PER_DOUBLING / Math.log(2);

	private LogBuckets() {
	}

	/**
	 * Returns the bucket of a value.
	 * @param value the value
	 * @return its bucket: {@code floor(log2(value) * 8)}, or {@link #ZERO}
	 */
	public static int index(double value) {
		if (!(value > 0)) {
			return ZERO;
		}
		return (int) Math.floor(Math.log(value) * PER_LOG);
	}

	/**
	 * Returns the lower bound of a bucket.
	 * @param index the bucket
	 * @return its lower bound, 0 for {@link #ZERO}
	 */
	public static double lower(int index) {
		return (index == ZERO) ? 0 : Math.pow(2, index / (double) PER_DOUBLING);
	}

	/**
	 * Returns the upper bound of a bucket.
	 * @param index the bucket
	 * @return its upper bound, 0 for {@link #ZERO}
	 */
	public static double upper(int index) {
		return (index == ZERO) ? 0 : Math.pow(2, (index + 1) / (double) PER_DOUBLING);
	}

	/**
	 * Reads a quantile from bucket counts.
	 * @param zero the count of the {@link #ZERO} bucket
	 * @param counts the counts of consecutive buckets
	 * @param first the bucket of {@code counts[0]}
	 * @param quantile the quantile, such as 0.95
	 * @return the upper bound of the bucket holding the quantile's rank, or NaN when there is nothing counted
	 */
	public static double quantile(long zero, long[] counts, int first, double quantile) {
		long total = zero;
		for (long count : counts) {
			total += count;
		}
		if (total == 0) {
			return Double.NaN;
		}
		long rank = Math.max(1, (long) Math.ceil(quantile * total));
		if (zero >= rank) {
			return 0;
		}
		long seen = zero;
		int last = counts.length - 1;
		for (int i = 0; i < counts.length; i++) {
			if (counts[i] > 0) {
				last = i;
			}
			seen += counts[i];
			if (seen >= rank) {
				return upper(first + i);
			}
		}
		return upper(first + last);
	}

}
