package io.github.vigil.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.github.vigil.Vigil;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.store.ErrorTypeCount;
import io.github.vigil.store.ToolCallCounts;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;

/**
 * What the agent console draws, in one answer: each tool's calls and errors now and minute by minute over the last
 * hour (from the run store), latency p50/p95/p99 per tool and model and tokens per run as a distribution with the
 * learned baseline (from Vigil's own meters).
 */
final class ConsoleData {

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration HISTORY = Duration.ofHours(1);

	private final Vigil vigil;

	private final Clock clock;

	ConsoleData(Vigil vigil, Clock clock) {
		this.vigil = vigil;
		this.clock = clock;
	}

	Map<String, Object> snapshot() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("window", TriageJson.describe(WINDOW));
		body.put("store", this.vigil.storesRuns());
		body.put("replay", this.vigil.storesRuns() && this.vigil.triage().replayPolicy().enabled());
		body.put("tools", tools());
		body.put("latency", latency());
		body.put("tokens", tokens());
		return body;
	}

	private List<Map<String, Object>> tools() {
		Map<String, long[]> totals = new TreeMap<>();
		for (Timer timer : this.vigil.meterRegistry().find(MeterNames.EXECUTE_TOOL_DURATION).timers()) {
			long[] counts = totals.computeIfAbsent(timer.getId().getTag(TagKeys.TOOL_NAME), (k) -> new long[2]);
			counts[0] += timer.count();
			if (TagKeys.OUTCOME_ERROR.equals(timer.getId().getTag(TagKeys.OUTCOME))) {
				counts[1] += timer.count();
			}
		}
		Instant now = this.clock.instant();
		Instant hourAgo = now.minus(HISTORY).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
		List<Map<String, Object>> tools = new ArrayList<>();
		totals.forEach((tool, counts) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("tool", tool);
			entry.put("calls_total", counts[0]);
			entry.put("errors_total", counts[1]);
			if (this.vigil.storesRuns()) {
				long calls = 0;
				long errors = 0;
				List<Map<String, Object>> series = new ArrayList<>();
				for (ToolCallCounts slice : this.vigil.triage().store().toolCalls(tool, hourAgo, now.plusMillis(1),
						Duration.ofMinutes(1))) {
					if (!slice.start().isBefore(now.minus(WINDOW))) {
						calls += slice.calls();
						errors += slice.errors();
					}
					Map<String, Object> point = new LinkedHashMap<>();
					point.put("start", slice.start().toString());
					point.put("calls", slice.calls());
					point.put("errors", slice.errors());
					series.add(point);
				}
				entry.put("calls", calls);
				entry.put("errors", errors);
				entry.put("success_rate", (calls > 0) ? round(1 - (double) errors / calls) : null);
				entry.put("series", series);
				List<Map<String, Object>> types = new ArrayList<>();
				for (ErrorTypeCount type : this.vigil.triage().store().errorTypes(tool, now.minus(WINDOW),
						now.plusMillis(1))) {
					types.add(Map.of("type", type.type(), "count", type.count()));
				}
				entry.put("error_types", types);
			}
			else {
				entry.put("success_rate", (counts[0] > 0) ? round(1 - (double) counts[1] / counts[0]) : null);
			}
			tools.add(entry);
		});
		return tools;
	}

	private List<Map<String, Object>> latency() {
		List<Map<String, Object>> rows = new ArrayList<>();
		rows.addAll(latency("tool", MeterNames.EXECUTE_TOOL_DURATION, TagKeys.TOOL_NAME));
		rows.addAll(latency("model", MeterNames.OPERATION_DURATION, TagKeys.REQUEST_MODEL));
		return rows;
	}

	/** p50, p95 and p99 per name, from the timers' histogram buckets merged over their other tags. */
	private List<Map<String, Object>> latency(String kind, String meter, String tag) {
		Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();
		for (Timer timer : this.vigil.meterRegistry().find(meter).timers()) {
			TreeMap<Double, Double> merged = buckets.computeIfAbsent(timer.getId().getTag(tag), (k) -> new TreeMap<>());
			for (CountAtBucket bucket : timer.takeSnapshot().histogramCounts()) {
				merged.merge(bucket.bucket(TimeUnit.MILLISECONDS), bucket.count(), Double::sum);
			}
			merged.merge(Double.POSITIVE_INFINITY, (double) timer.count(), Double::sum);
		}
		List<Map<String, Object>> rows = new ArrayList<>();
		buckets.forEach((name, counts) -> {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("kind", kind);
			row.put("name", name);
			row.put("count", counts.lastEntry().getValue().longValue());
			row.put("p50_ms", quantile(counts, 0.50));
			row.put("p95_ms", quantile(counts, 0.95));
			row.put("p99_ms", quantile(counts, 0.99));
			rows.add(row);
		});
		return rows;
	}

	private Map<String, Object> tokens() {
		TreeMap<Double, Double> cumulative = new TreeMap<>();
		long runs = 0;
		for (DistributionSummary summary : this.vigil.meterRegistry().find(MeterNames.RUN_TOKENS).summaries()) {
			for (CountAtBucket bucket : summary.takeSnapshot().histogramCounts()) {
				cumulative.merge(bucket.bucket(), bucket.count(), Double::sum);
			}
			runs += summary.count();
		}
		List<Map<String, Object>> bars = new ArrayList<>();
		double previousBound = 0;
		double previousCount = 0;
		for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
			bars.add(Map.of("from", (long) previousBound, "to", bucket.getKey().longValue(), "runs",
					(long) (bucket.getValue() - previousCount)));
			previousBound = bucket.getKey();
			previousCount = bucket.getValue();
		}
		if (runs > previousCount) {
			bars.add(Map.of("from", (long) previousBound, "to", -1L, "runs", (long) (runs - previousCount)));
		}
		List<Map<String, Object>> baselines = new ArrayList<>();
		for (Gauge gauge : this.vigil.meterRegistry().find(MeterNames.RUN_TOKENS_BASELINE).gauges()) {
			double p95 = gauge.value();
			if (!Double.isNaN(p95)) {
				baselines.add(Map.of("agent", gauge.getId().getTag(TagKeys.AGENT_NAME), "p95", Math.round(p95),
						"limit", Math.round(3 * p95)));
			}
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("runs", runs);
		body.put("buckets", bars);
		body.put("baselines", baselines);
		return body;
	}

	private static Object quantile(TreeMap<Double, Double> cumulative, double q) {
		double total = cumulative.lastEntry().getValue();
		if (total <= 0) {
			return null;
		}
		double rank = q * total;
		double previousBound = 0;
		double previousCount = 0;
		for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
			if (bucket.getValue() >= rank) {
				if (bucket.getKey().isInfinite()) {
					return round(previousBound);
				}
				double width = bucket.getValue() - previousCount;
				return round(previousBound
						+ ((width > 0) ? (bucket.getKey() - previousBound) * (rank - previousCount) / width : 0));
			}
			previousBound = bucket.getKey();
			previousCount = bucket.getValue();
		}
		return round(previousBound);
	}

	private static double round(double value) {
		return Math.round(value * 1000) / 1000.0;
	}

}
