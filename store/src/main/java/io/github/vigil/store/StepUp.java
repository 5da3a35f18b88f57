package io.github.vigil.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds where a tool's error rate stepped up: the stretch of time slices whose error rate differs most (by
 * likelihood) from the rest, when it is higher by at least {@value #MIN_STEP} and holds at least
 * {@value #MIN_ERRORS} failures. O(n²) in the slices, which are few.
 *
 * @param start index of the first slice of the step-up
 * @param end index after its last slice; the slices' count while it goes on
 * @param healthyRate the error rate outside it
 * @param rate the error rate inside it
 */
record StepUp(int start, int end, double healthyRate, double rate) {

	static final double MIN_STEP = 0.10;

	static final long MIN_ERRORS = 3;

	static final long MIN_HEALTHY_CALLS = 3;

	static @Nullable StepUp find(List<ToolCallCounts> slices) {
		int n = slices.size();
		long[] calls = new long[n + 1];
		long[] errors = new long[n + 1];
		for (int i = 0; i < n; i++) {
			calls[i + 1] = calls[i] + slices.get(i).calls();
			errors[i + 1] = errors[i] + slices.get(i).errors();
		}
		long totalCalls = calls[n];
		long totalErrors = errors[n];
		double base = logLikelihood(totalErrors, totalCalls);
		StepUp best = null;
		double bestGain = 0;
		for (int a = 0; a < n; a++) {
			for (int b = a + 1; b <= n; b++) {
				long inCalls = calls[b] - calls[a];
				long inErrors = errors[b] - errors[a];
				long outCalls = totalCalls - inCalls;
				long outErrors = totalErrors - inErrors;
				if (inErrors < MIN_ERRORS || outCalls < MIN_HEALTHY_CALLS) {
					continue;
				}
				double rateIn = (double) inErrors / inCalls;
				double rateOut = (double) outErrors / outCalls;
				if (rateIn - rateOut < MIN_STEP) {
					continue;
				}
				double gain = logLikelihood(inErrors, inCalls) + logLikelihood(outErrors, outCalls) - base;
				if (gain > bestGain) {
					bestGain = gain;
					best = new StepUp(a, b, rateOut, rateIn);
				}
			}
		}
		return best;
	}

	private static double logLikelihood(long errors, long calls) {
		if (calls == 0 || errors == 0 || errors == calls) {
			return 0;
		}
		double p = (double) errors / calls;
		return errors * Math.log(p) + (calls - errors) * Math.log(1 - p);
	}

}
