package io.github.vigil.sample.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import org.jspecify.annotations.Nullable;

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

	private final List<BigDecimal> costs = new ArrayList<>();

	private @Nullable String currency;

	private final Map<String, Integer> workflows = new java.util.HashMap<>();

	@Override
	public synchronized void accept(RunRecord run) {
		if (this.tokens.size() < KEPT) {
			this.tokens.add(run.totalTokens());
			if (!run.agents().isEmpty()) {
				this.workflows.merge(run.agents().stream().map((agent) -> agent.name())
					.collect(java.util.stream.Collectors.joining(" > ")), 1, Integer::sum);
			}
			io.github.vigil.cost.RunCost cost = run.fact(io.github.vigil.cost.RunCost.class);
			if (cost != null && cost.amount() != null) {
				this.costs.add(cost.amount());
				this.currency = cost.currency();
			}
		}
	}

	/**
	 * Returns nearest-rank percentiles of cost per run, the largest and the total, over the priced runs.
	 * @return p50, p95, p99, max and total; empty without priced runs
	 */
	synchronized BigDecimal[] costPercentiles() {
		if (this.costs.isEmpty()) {
			return new BigDecimal[0];
		}
		List<BigDecimal> sorted = new ArrayList<>(this.costs);
		sorted.sort(null);
		BigDecimal total = sorted.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
		return new BigDecimal[] { rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
				sorted.get(sorted.size() - 1), total };
	}

	synchronized @Nullable String currency() {
		return this.currency;
	}

	synchronized int count() {
		return this.tokens.size();
	}

	/**
	 * Returns the workflow runs, each with its agents' names in order, such as {@code triage > orders}.
	 * @return how many runs had each sequence of agents
	 */
	synchronized Map<String, Integer> workflows() {
		return new java.util.TreeMap<>(this.workflows);
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

	private static <T> T rank(List<T> sorted, double quantile) {
		int index = (int) Math.ceil(quantile * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

}
