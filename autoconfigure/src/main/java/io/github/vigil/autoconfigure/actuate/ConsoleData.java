package io.github.vigil.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.vigil.Vigil;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.store.CostShare;
import io.github.vigil.store.ErrorTypeCount;
import io.github.vigil.store.LogHistogram;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.StepDurations;
import io.github.vigil.store.ToolCallCounts;
import io.github.vigil.store.Triage;
import io.github.vigil.store.VersionCalls;
import io.github.vigil.store.VersionSeen;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * What the agent console draws, over the range it shows, in one answer: every figure from the run store (calls and
 * errors per tool, their series, latency quantiles, tokens per run, cost, versions, conversations) or from the
 * capability that owns it (the budget's baseline and multiplier, the alerts), so it stays right when traffic stops
 * and across restarts with a shared store. Without a store, only the totals since start are known.
 */
final class ConsoleData {

	/** Whether the guards module, which holds the token baselines, is on the class path. */
	private static final boolean GUARDS = org.springframework.util.ClassUtils
		.isPresent("io.github.vigil.guard.BudgetGuard", ConsoleData.class.getClassLoader());

	/** The console's default range: from the first stored run, at most this far back. */
	static final Duration DEFAULT_RANGE = Duration.ofHours(1);

	private static final int POINTS = 60;

	private static final int TOP = 10;

	private final Vigil vigil;

	private final Clock clock;

	/** Whether the alerts module is on the class path. */
	private final boolean alerts;

	ConsoleData(Vigil vigil, Clock clock, boolean alerts) {
		this.vigil = vigil;
		this.clock = clock;
		this.alerts = alerts;
	}

	/**
	 * The console's figures over a range.
	 * @param range how far back from now, {@code null} for the default: since the first stored run, at most an hour
	 * @return the figures
	 */
	Map<String, Object> snapshot(@Nullable Duration range) {
		Map<String, Object> body = new LinkedHashMap<>();
		boolean stored = this.vigil.storesRuns();
		body.put("store", stored);
		body.put("replay", stored && Triage.of(this.vigil).replayPolicy().enabled());
		body.put("replayable_tools", stored ? List.copyOf(Triage.of(this.vigil).replayPolicy().tools()) : List.of());
		body.put("alerts", alerts());
		body.put("baselines", baselines());
		body.put("guardrails", guardrails());
		if (!stored) {
			body.put("servers", serversSinceStart());
			body.put("tools", totalsSinceStart());
			return body;
		}
		RunStore store = Triage.of(this.vigil).store();
		Instant until = this.clock.instant().plusMillis(1);
		Instant from = from(store, range, until);
		Duration slice = slice(Duration.between(from, until));
		Map<String, Object> shown = new LinkedHashMap<>();
		shown.put("from", from.toString());
		shown.put("until", until.toString());
		shown.put("label", (range != null) ? TriageJson.describe(range) : "since the first run, at most 1h");
		shown.put("slice_seconds", slice.toSeconds());
		body.put("range", shown);
		body.put("window", TriageJson.describe(Duration.between(from, until).withNanos(0)));
		body.put("servers", servers(from, until));
		body.put("tools", tools(store, from, until, slice));
		body.put("latency", latency(store, from, until));
		Map<String, Object> tokens = tokens(store, from, until);
		tokens.put("baselines", body.get("baselines"));
		body.put("tokens", tokens);
		body.put("cost", cost(store, from, until));
		body.put("versions", store.versions(from, until).stream().map(ConsoleData::version).toList());
		body.put("sessions", store.sessions(null, from, until, TOP).stream().map(TriageJson::session).toList());
		return body;
	}

	private static Instant from(RunStore store, @Nullable Duration range, Instant until) {
		if (range != null) {
			return until.minus(range);
		}
		Instant hourAgo = until.minus(DEFAULT_RANGE);
		Instant first = store.firstRunAt().orElse(hourAgo);
		// a short demo fills the chart; a long-running application shows its last hour
		Instant start = first.isAfter(hourAgo) ? first : hourAgo;
		return start.isAfter(until.minusSeconds(60)) ? until.minusSeconds(60) : start;
	}

	/** About sixty points over the range, never finer than five seconds. */
	static Duration slice(Duration range) {
		long seconds = Math.max(5, (long) Math.ceil(range.toSeconds() / (double) POINTS));
		return Duration.ofSeconds(seconds);
	}

	private List<Map<String, Object>> tools(RunStore store, Instant from, Instant until, Duration slice) {
		List<Map<String, Object>> tools = new ArrayList<>();
		Map<String, long[]> sinceStart = sinceStart();
		for (String tool : store.toolNames(from, until)) {
			long calls = 0;
			long errors = 0;
			List<Map<String, Object>> series = new ArrayList<>();
			for (ToolCallCounts counts : store.toolCalls(tool, from, until, slice)) {
				calls += counts.calls();
				errors += counts.errors();
				Map<String, Object> point = new LinkedHashMap<>();
				point.put("start", counts.start().toString());
				point.put("calls", counts.calls());
				point.put("errors", counts.errors());
				series.add(point);
			}
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("tool", tool);
			entry.put("calls", calls);
			entry.put("errors", errors);
			entry.put("success_rate", (calls > 0) ? round(1 - (double) errors / calls) : null);
			List<Map<String, Object>> types = new ArrayList<>();
			for (ErrorTypeCount type : store.errorTypes(tool, from, until)) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("type", type.type());
				json.put("count", type.count());
				json.put("excerpt", TriageJson.readable(type.sampleMessage()));
				types.add(json);
			}
			entry.put("error_types", types);
			List<Map<String, Object>> versions = new ArrayList<>();
			for (VersionCalls version : store.toolCallsByVersion(tool, from, until)) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("version", version.version());
				json.put("calls", version.calls());
				json.put("errors", version.errors());
				json.put("error_rate", round(version.errorRate()));
				versions.add(json);
			}
			entry.put("versions", versions);
			entry.put("series", series);
			// the first form's totals since this instance started, kept for those who read them
			long[] total = sinceStart.getOrDefault(tool, new long[2]);
			entry.put("calls_total", total[0]);
			entry.put("errors_total", total[1]);
			tools.add(entry);
		}
		return tools;
	}

	private static List<Map<String, Object>> latency(RunStore store, Instant from, Instant until) {
		List<Map<String, Object>> rows = new ArrayList<>();
		for (StepDurations step : store.stepDurations(from, until)) {
			LogHistogram micros = step.micros();
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("kind", step.kind());
			row.put("name", step.name());
			row.put("count", micros.count());
			row.put("p50_ms", millis(micros.quantile(0.50)));
			row.put("p95_ms", millis(micros.quantile(0.95)));
			row.put("p99_ms", millis(micros.quantile(0.99)));
			rows.add(row);
		}
		return rows;
	}

	private static Map<String, Object> tokens(RunStore store, Instant from, Instant until) {
		LogHistogram tokens = store.runTokens(from, until);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("runs", tokens.count());
		body.put("p50", whole(tokens.quantile(0.50)));
		body.put("p95", whole(tokens.quantile(0.95)));
		List<Map<String, Object>> buckets = new ArrayList<>();
		for (LogHistogram.Bucket bucket : tokens.buckets()) {
			buckets.add(Map.of("from", Math.round(bucket.from()), "to", Math.round(bucket.to()), "runs",
					bucket.count()));
		}
		body.put("buckets", buckets);
		return body;
	}

	/** The token baseline per agent and the limit it trips at, as the budget guard holds them; none without guards. */
	private List<Map<String, Object>> baselines() {
		return GUARDS ? Baselines.of(this.vigil) : List.of();
	}

	private static Map<String, Object> cost(RunStore store, Instant from, Instant until) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("by_agent", store.costs(CostShare.By.AGENT, from, until, TOP).stream().map(TriageJson::cost).toList());
		body.put("by_model", store.costs(CostShare.By.MODEL, from, until, TOP).stream().map(TriageJson::cost).toList());
		body.put("top_users", store.costs(CostShare.By.USER, from, until, TOP).stream().map(TriageJson::cost).toList());
		return body;
	}

	private Map<String, Object> alerts() {
		if (this.alerts) {
			return AlertSection.alerts(this.vigil);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("active", List.of());
		body.put("resolved", List.of());
		return body;
	}

	static Map<String, Object> version(VersionSeen seen) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("version", seen.version());
		json.put("instance", seen.instance());
		json.put("first_seen", seen.firstSeen().toString());
		json.put("last_seen", seen.lastSeen().toString());
		json.put("runs", seen.runs());
		return json;
	}

	/** Each tool's calls and errors since this instance started, from its own meters. */
	private Map<String, long[]> sinceStart() {
		Map<String, long[]> totals = new TreeMap<>();
		for (Timer timer : this.vigil.meterRegistry().find(MeterNames.EXECUTE_TOOL_DURATION).timers()) {
			long[] counts = totals.computeIfAbsent(timer.getId().getTag(TagKeys.TOOL_NAME), (k) -> new long[2]);
			counts[0] += timer.count();
			if (TagKeys.OUTCOME_ERROR.equals(timer.getId().getTag(TagKeys.OUTCOME))) {
				counts[1] += timer.count();
			}
		}
		return totals;
	}

	/**
	 * Each of the application's guardrails since this instance started: its decisions, the blocks among them (a
	 * failure or a fatal result) and the retries and reprompts, which cost a model call each.
	 */
	private List<Map<String, Object>> guardrails() {
		Map<String, long[]> totals = new TreeMap<>();
		for (io.micrometer.core.instrument.Counter counter : this.vigil.meterRegistry()
			.find(io.github.vigil.guardrail.Guardrails.RESULTS)
			.counters()) {
			long[] counts = totals.computeIfAbsent(counter.getId().getTag("guardrail"), (k) -> new long[3]);
			long count = (long) counter.count();
			String result = counter.getId().getTag("result");
			counts[0] += count;
			if ("failure".equals(result) || "fatal".equals(result)) {
				counts[1] += count;
			}
			else if ("retry".equals(result) || "reprompt".equals(result)) {
				counts[2] += count;
			}
		}
		List<Map<String, Object>> guardrails = new ArrayList<>();
		totals.forEach((guardrail, counts) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("guardrail", guardrail);
			entry.put("decisions", counts[0]);
			entry.put("blocks", counts[1]);
			entry.put("block_share", (counts[0] > 0) ? round((double) counts[1] / counts[0]) : null);
			entry.put("retries", counts[2]);
			guardrails.add(entry);
		});
		return guardrails;
	}

	/**
	 * Each MCP server's tool calls over the range, all its tools together, as the run store has them: calls, failures,
	 * their share and the tools it served.
	 */
	private List<Map<String, Object>> servers(Instant from, Instant until) {
		io.github.vigil.store.ToolServers served = Triage.of(this.vigil).toolServers();
		List<Map<String, Object>> servers = new ArrayList<>();
		for (String server : served.servers()) {
			List<String> tools = served.tools(server);
			if (!tools.isEmpty()) {
				io.github.vigil.store.ToolCallCounts counts = Triage.of(this.vigil).serverCalls(server, from, until);
				servers.add(server(server, counts.calls(), counts.errors(), tools.stream().sorted().toList()));
			}
		}
		return servers;
	}

	private static Map<String, Object> server(String server, long calls, long errors, List<String> tools) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("server", server);
		entry.put("calls", calls);
		entry.put("errors", errors);
		entry.put("error_share", (calls > 0) ? round((double) errors / calls) : null);
		entry.put("tools", tools);
		return entry;
	}

	/**
	 * Without a store: each MCP server's tool calls since this instance started, from its meters.
	 */
	private List<Map<String, Object>> serversSinceStart() {
		Map<String, long[]> totals = new TreeMap<>();
		Map<String, java.util.Set<String>> tools = new TreeMap<>();
		for (io.micrometer.core.instrument.Timer timer : this.vigil.meterRegistry()
			.find(io.github.vigil.metrics.MeterNames.MCP_CLIENT_DURATION)
			.timers()) {
			String server = timer.getId().getTag(io.github.vigil.metrics.TagKeys.MCP_SERVER);
			long[] counts = totals.computeIfAbsent(server, (k) -> new long[2]);
			counts[0] += timer.count();
			if (!"none".equals(timer.getId().getTag(io.github.vigil.metrics.TagKeys.ERROR_TYPE))) {
				counts[1] += timer.count();
			}
			tools.computeIfAbsent(server, (k) -> new java.util.TreeSet<>())
				.add(timer.getId().getTag(io.github.vigil.metrics.TagKeys.TOOL_NAME));
		}
		List<Map<String, Object>> servers = new ArrayList<>();
		totals.forEach((server, counts) -> servers.add(server(server, counts[0], counts[1],
				List.copyOf(tools.get(server)))));
		return servers;
	}

	/** Without a store: each tool's calls and errors since this instance started. */
	private List<Map<String, Object>> totalsSinceStart() {
		List<Map<String, Object>> tools = new ArrayList<>();
		sinceStart().forEach((tool, counts) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("tool", tool);
			entry.put("calls", counts[0]);
			entry.put("errors", counts[1]);
			entry.put("success_rate", (counts[0] > 0) ? round(1 - (double) counts[1] / counts[0]) : null);
			entry.put("calls_total", counts[0]);
			entry.put("errors_total", counts[1]);
			tools.add(entry);
		});
		return tools;
	}

	private static @Nullable Double millis(double micros) {
		return Double.isNaN(micros) ? null : round(micros / 1000);
	}

	private static @Nullable Long whole(double value) {
		return Double.isNaN(value) ? null : Math.round(value);
	}

	private static @Nullable Double round(double value) {
		return Double.isNaN(value) ? null : Math.round(value * 1000) / 1000.0;
	}

}
