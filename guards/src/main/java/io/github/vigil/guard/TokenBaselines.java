package io.github.vigil.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The learned token baseline per agent: the p95 of total tokens over the agent's most recent completed runs (a
 * sliding sample of fixed size), available once enough runs have completed.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class TokenBaselines {

	/** The p95 is selected again after this share of the window has been replaced: often enough to follow it. */
	private static final int RECOMPUTE_SHARE = 16;

	private final int minRuns;

	private final int window;

	private final Map<String, Sample> samples = new ConcurrentHashMap<>();

	/**
	 * Creates the baselines.
	 * @param minRuns completed runs needed before a baseline exists
	 * @param window how many recent runs a baseline is taken over
	 */
	public TokenBaselines(int minRuns, int window) {
		this.minRuns = minRuns;
		this.window = window;
	}

	/**
	 * Adds a completed run.
	 * @param agent the agent
	 * @param tokens the run's total tokens
	 * @return whether this was the agent's first run (so a gauge can be registered)
	 */
	public boolean record(String agent, long tokens) {
		boolean[] created = new boolean[1];
		Sample sample = this.samples.computeIfAbsent(agent, (key) -> {
			created[0] = true;
			return new Sample(this.window);
		});
		sample.add(tokens, this.minRuns);
		return created[0];
	}

	/**
	 * Returns the agents with a sample, whether or not it is large enough for a baseline yet.
	 * @return the agents, sorted
	 */
	public java.util.List<String> agents() {
		return this.samples.keySet().stream().sorted().toList();
	}

	/**
	 * Returns an agent's baseline.
	 * @param agent the agent
	 * @return the p95 of its recent runs' tokens, or {@code NaN} before enough runs completed
	 */
	public double p95(String agent) {
		Sample sample = this.samples.get(agent);
		return (sample != null) ? sample.p95 : Double.NaN;
	}

	private static final class Sample {

		private final long[] values;

		/** Where the p95 is selected, reused: selecting reorders. */
		private final long[] scratch;

		private int count;

		private int next;

		private int sinceComputed;

		private volatile double p95 = Double.NaN;

		Sample(int window) {
			this.values = new long[window];
			this.scratch = new long[window];
		}

		synchronized void add(long tokens, int minRuns) {
			this.values[this.next] = tokens;
			this.next = (this.next + 1) % this.values.length;
			this.count = Math.min(this.count + 1, this.values.length);
			this.sinceComputed++;
			if (this.count >= minRuns && (Double.isNaN(this.p95) || this.sinceComputed >= Math.max(16, this.values.length / RECOMPUTE_SHARE))) {
				System.arraycopy(this.values, 0, this.scratch, 0, this.count);
				int rank = (int) Math.ceil(0.95 * this.count) - 1;
				this.p95 = select(this.scratch, this.count, Math.max(0, rank));
				this.sinceComputed = 0;
			}
		}

	}

	/**
	 * Returns the value that would be at {@code k} if the array were sorted, in linear expected time (a three-way
	 * quickselect, which also stays linear when many runs used the same number of tokens). Reorders the array.
	 */
	static long select(long[] values, int k) {
		return select(values, values.length, k);
	}

	/** The same over the first {@code length} values. */
	static long select(long[] values, int length, int k) {
		int low = 0;
		int high = length - 1;
		while (low < high) {
			long pivot = medianOfThree(values[low], values[(low + high) >>> 1], values[high]);
			int less = low;
			int i = low;
			int greater = high;
			while (i <= greater) {
				if (values[i] < pivot) {
					swap(values, less++, i++);
				}
				else if (values[i] > pivot) {
					swap(values, i, greater--);
				}
				else {
					i++;
				}
			}
			if (k < less) {
				high = less - 1;
			}
			else if (k > greater) {
				low = greater + 1;
			}
			else {
				return pivot;
			}
		}
		return values[low];
	}

	private static long medianOfThree(long a, long b, long c) {
		return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
	}

	private static void swap(long[] values, int i, int j) {
		long value = values[i];
		values[i] = values[j];
		values[j] = value;
	}

}
