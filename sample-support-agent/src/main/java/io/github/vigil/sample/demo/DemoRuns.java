package io.github.vigil.sample.demo;

import java.util.ArrayList;
import java.util.List;

import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The demo's runs, as the run log has them, so the report's figures are those of the runs themselves: tokens per
 * run exactly, not interpolated inside a histogram bucket.
 */
@Component
@Profile("demo")
class DemoRuns implements RunSink {

	private static final int KEPT = 100_000;

	private final List<Long> tokens = new ArrayList<>();

	@Override
	public synchronized void accept(RunRecord run) {
		if (this.tokens.size() < KEPT) {
			this.tokens.add(run.totalTokens());
		}
	}

	synchronized int count() {
		return this.tokens.size();
	}

	/**
	 * Returns nearest-rank percentiles of tokens per run, and the largest.
	 * @return p50, p95, p99 and max; empty without runs
	 */
	synchronized long[] tokenPercentiles() {
		if (this.tokens.isEmpty()) {
			return new long[0];
		}
		List<Long> sorted = new ArrayList<>(this.tokens);
		sorted.sort(null);
		return new long[] { rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted.get(sorted.size() - 1) };
	}

	private static long rank(List<Long> sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

}
