package io.github.vigil.eval;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.store.ScoreDay;
import org.jspecify.annotations.Nullable;

/**
 * Resolution scores per agent and day (UTC, by when the run started) over the last two weeks: the rate gauge and
 * the week-over-week comparison of {@code resolution-drop}.
 */
final class ResolutionWindow {

	static final int DAYS = 15;

	private final Clock clock;

	private final MeterRegistry registry;

	private final Map<String, Days> agents = new ConcurrentHashMap<>();

	ResolutionWindow(Clock clock, MeterRegistry registry) {
		this.clock = clock;
		this.registry = registry;
	}

	void record(String agent, Instant runStartedAt, double value) {
		days(agent).add(day(runStartedAt), 1, value);
	}

	/** Replaces a score already counted, when feedback scores the run again. */
	void replace(String agent, Instant runStartedAt, @Nullable Double before, double after) {
		if (before == null) {
			record(agent, runStartedAt, after);
		}
		else {
			days(agent).add(day(runStartedAt), 0, after - before);
		}
	}

	/** Counts what the store already holds, once at start. */
	void seed(List<ScoreDay> stored) {
		for (ScoreDay day : stored) {
			if (day.scored() > 0) {
				days(day.agent()).add(day.day().toEpochDay(), day.scored(), day.sum());
			}
		}
	}

	/** The agent's rate and count over the 7 days ending {@code weeksAgo} weeks before today. */
	double[] week(String agent, int weeksAgo) {
		Days days = this.agents.get(agent);
		long today = day(this.clock.instant());
		return (days != null) ? days.sum(today - 7L * weeksAgo - 6, today - 7L * weeksAgo) : new double[2];
	}

	double rate(String agent) {
		double[] week = week(agent, 0);
		return (week[0] > 0) ? week[1] / week[0] : Double.NaN;
	}

	List<String> agents() {
		return new ArrayList<>(this.agents.keySet());
	}

	private Days days(String agent) {
		return this.agents.computeIfAbsent(agent, (name) -> {
			Gauge.builder(MeterNames.EVAL_RESOLUTION_RATE, this, (window) -> window.rate(name))
				.description("Mean resolution score of the runs scored in the last 7 days: 1 resolved as it should be")
				.tag(TagKeys.AGENT_NAME, name)
				.register(this.registry);
			Gauge.builder(MeterNames.EVAL_RESOLUTION_SCORED, this, (window) -> window.week(name, 0)[0])
				.description("Runs with a resolution score in the last 7 days")
				.tag(TagKeys.AGENT_NAME, name)
				.register(this.registry);
			return new Days();
		});
	}

	private static long day(Instant at) {
		return Math.floorDiv(at.toEpochMilli(), 86_400_000L);
	}

	/** A ring of days: count and sum of scores. */
	private static final class Days {

		private final long[] day = new long[DAYS];

		private final double[] count = new double[DAYS];

		private final double[] sum = new double[DAYS];

		Days() {
			java.util.Arrays.fill(this.day, Long.MIN_VALUE);
		}

		synchronized void add(long epochDay, double scored, double value) {
			int slot = (int) Math.floorMod(epochDay, (long) DAYS);
			if (this.day[slot] != epochDay) {
				if (this.day[slot] > epochDay) {
					return;
				}
				this.day[slot] = epochDay;
				this.count[slot] = 0;
				this.sum[slot] = 0;
			}
			this.count[slot] += scored;
			this.sum[slot] += value;
		}

		synchronized double[] sum(long fromDay, long toDay) {
			double[] total = new double[2];
			for (int i = 0; i < DAYS; i++) {
				if (this.day[i] >= fromDay && this.day[i] <= toDay) {
					total[0] += this.count[i];
					total[1] += this.sum[i];
				}
			}
			return total;
		}

	}

}
