package io.github.vigil.sample.demo;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The demo's closing report, read from the application's own endpoints: {@code /actuator/prometheus} for the
 * metrics, {@code /actuator/vigil/alerts} for the alerts and the triage endpoints for the five on-call questions.
 */
final class DemoReport {

	private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");

	private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

	private final RestClient http;

	private final ObjectMapper json = new ObjectMapper();

	DemoReport(String baseUrl) {
		this.http = RestClient.builder().baseUrl(baseUrl).build();
	}

	record Sample(String name, Map<String, String> labels, double value) {
	}

	List<Sample> scrape() {
		String text = this.http.get().uri("/actuator/prometheus").retrieve().body(String.class);
		List<Sample> samples = new ArrayList<>();
		for (String line : text.split("\n")) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			Matcher matcher = SAMPLE.matcher(line.trim());
			if (!matcher.matches()) {
				continue;
			}
			Map<String, String> labels = new HashMap<>();
			if (matcher.group(2) != null) {
				Matcher label = LABEL.matcher(matcher.group(2));
				while (label.find()) {
					labels.put(label.group(1), label.group(2));
				}
			}
			try {
				samples.add(new Sample(matcher.group(1), labels, Double.parseDouble(matcher.group(3))));
			}
			catch (NumberFormatException ex) {
				// NaN and friends are skipped
			}
		}
		return samples;
	}

	/** Replays the newest failing call of a tool: {@code POST /actuator/vigil/runs/{run}/steps/{step}/replay}. */
	JsonNode replayNewestFailure(String tool) throws Exception {
		JsonNode failures = get("/actuator/vigil/tools/" + tool + "/failures?limit=1").path("failures");
		if (failures.isEmpty()) {
			return this.json.createObjectNode();
		}
		return replay(failures.get(0).path("run_id").asText(), failures.get(0).path("step").asInt());
	}

	JsonNode replay(String runId, int step) throws Exception {
		return this.json.readTree(this.http.post()
			.uri("/actuator/vigil/runs/{run}/steps/{step}/replay", runId, step)
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, reply) -> {
			})
			.body(String.class));
	}

	private JsonNode get(String path) throws Exception {
		return this.json.readTree(this.http.get().uri(path).retrieve().onStatus(HttpStatusCode::isError, (r, s) -> {
		}).body(String.class));
	}

	JsonNode alerts() throws Exception {
		return this.json.readTree(this.http.get().uri("/actuator/vigil/alerts").retrieve().body(String.class));
	}

	/**
	 * Renders the report.
	 * @param windows how the alert windows were scaled, for the reader
	 * @param story the replay: conversations, users, the incident's window, the run log's file
	 * @param runs the runs themselves
	 */
	String render(String windows, Story story, DemoRuns runs) throws Exception {
		List<Sample> samples = scrape();
		StringBuilder out = new StringBuilder();
		out.append("\n==================== Vigil demo report ====================\n");
		out.append(String.format(Locale.ROOT, "%d conversations from %d users made %d runs (a run is one message to the "
				+ "agent; some conversations have several turns).%n", story.conversations(), story.users(), runs.count()));
		out.append("(alert windows scaled down for the demo: ").append(windows).append(")\n");
		out.append(String.format(Locale.ROOT, "Incident: the orders tools used the deprecated v1 API from %s to %s (%ds).%n%n",
				time(story.incidentStart()), time(story.incidentEnd()),
				Duration.between(story.incidentStart(), story.incidentEnd()).toSeconds()));
		alerts(out, story.incidentStart());
		secondIncident(out, story, samples);
		Map<String, double[]> tools = new TreeMap<>();
		for (Sample sample : samples) {
			if (sample.name().equals("gen_ai_execute_tool_duration_seconds_count")) {
				double[] counts = tools.computeIfAbsent(sample.labels().get("gen_ai_tool_name"), (k) -> new double[2]);
				counts[0] += sample.value();
				if ("success".equals(sample.labels().get("outcome"))) {
					counts[1] += sample.value();
				}
			}
		}
		triage(out, tools.keySet(), story);
		out.append("Tool success rate by tool\n");
		tools.forEach((tool, counts) -> out.append(String.format(Locale.ROOT, "  %-18s %6.1f%% of %4.0f calls%n", tool,
				100 * counts[1] / counts[0], counts[0])));
		out.append("Tool errors by type\n");
		Map<String, Double> errors = new TreeMap<>();
		for (Sample sample : samples) {
			if (sample.name().equals("gen_ai_execute_tool_duration_seconds_count")
					&& "error".equals(sample.labels().get("outcome"))) {
				errors.merge(sample.labels().get("gen_ai_tool_name") + "/" + sample.labels().get("error_type"),
						sample.value(), Double::sum);
			}
		}
		if (errors.isEmpty()) {
			out.append("  none\n");
		}
		errors.forEach((type, calls) -> out.append(String.format(Locale.ROOT, "  %-32s %5.0f calls%n", type, calls)));
		out.append('\n');
		long[] tokens = runs.tokenPercentiles();
		out.append((tokens.length == 0) ? "Tokens per run           no runs\n"
				: String.format(Locale.ROOT, "Tokens per run           p50 %6d   p95 %6d   p99 %6d   max %6d%n", tokens[0],
						tokens[1], tokens[2], tokens[3]));
		BigDecimal[] costs = runs.costPercentiles();
		if (costs.length == 0) {
			out.append("Cost per run             no priced runs\n");
		}
		else {
			out.append(String.format(Locale.ROOT, "Cost per run (%s)        p50 %.6f   p95 %.6f   p99 %.6f   max %.6f   total %.4f%n",
					runs.currency(), costs[0], costs[1], costs[2], costs[3], costs[4]));
		}
		out.append("Cost per model\n");
		Map<String, Double> byModel = new TreeMap<>();
		for (Sample sample : samples) {
			if (sample.name().startsWith("gen_ai_client_operation_cost_") && sample.name().endsWith("_sum")) {
				byModel.merge(sample.labels().get("gen_ai_request_model"), sample.value(), Double::sum);
			}
		}
		if (byModel.isEmpty()) {
			out.append("  none priced\n");
		}
		byModel.forEach((model, cost) -> out.append(String.format(Locale.ROOT, "  %-24s %10.4f %s%n", model, cost,
				(runs.currency() != null) ? runs.currency() : "")));
		out.append("Latency per step (seconds)\n");
		for (String tool : tools.keySet()) {
			double[] q = quantiles(samples, "gen_ai_execute_tool_duration_seconds_bucket",
					Map.of("gen_ai_tool_name", tool));
			out.append(String.format(Locale.ROOT, "  tool  %-18s p50 %6.3f   p95 %6.3f   p99 %6.3f%n", tool, q[0], q[1],
					q[2]));
		}
		double[] model = quantiles(samples, "gen_ai_client_operation_duration_seconds_bucket",
				Map.of("gen_ai_operation_name", "chat"));
		out.append(String.format(Locale.ROOT, "  model %-18s p50 %6.3f   p95 %6.3f   p99 %6.3f%n%n", "chat", model[0],
				model[1], model[2]));
		out.append(String.format(Locale.ROOT, "Loop kills               %4.0f%n",
				sum(samples, "vigil_guard_trips_total", Map.of("guard", "loop"))));
		out.append(String.format(Locale.ROOT, "Summarizations           %4.0f   (trims %.0f)%n",
				sum(samples, "vigil_guard_trips_total", Map.of("guard", "context-window", "action", "summarized")),
				sum(samples, "vigil_guard_trips_total", Map.of("guard", "context-window", "action", "trimmed"))));
		out.append(String.format(Locale.ROOT,
				"Hallucination flags      %4.0f   (url %.0f, price %.0f, person %.0f, identifier %.0f)%n",
				sum(samples, "vigil_hallucination_flags_total", Map.of()),
				sum(samples, "vigil_hallucination_flags_total", Map.of("kind", "url")),
				sum(samples, "vigil_hallucination_flags_total", Map.of("kind", "price")),
				sum(samples, "vigil_hallucination_flags_total", Map.of("kind", "person")),
				sum(samples, "vigil_hallucination_flags_total", Map.of("kind", "identifier"))));
		runs.workflows().forEach((agents, count) -> out.append(String.format(Locale.ROOT,
				"Two-agent runs           %4d   %s (one run each, the agents nested in it)%n", count, agents)));
		out.append(String.format(Locale.ROOT, "Runs                     %4.0f   (killed %.0f, errors %.0f)%n",
				sum(samples, "gen_ai_invoke_agent_duration_seconds_count", Map.of()),
				sum(samples, "gen_ai_invoke_agent_duration_seconds_count", Map.of("outcome", "killed")),
				sum(samples, "gen_ai_invoke_agent_duration_seconds_count", Map.of("outcome", "error"))));
		for (JsonNode week : get("/actuator/vigil/evals").path("weeks")) {
			out.append(String.format(Locale.ROOT, "Resolution %-13s %5.1f%% of %d scored runs, week of %s (GET /actuator/vigil/evals;"
					+ " ground truth: the support team's handoff records)%n", week.path("agent").asText(),
					week.path("resolution_rate").asDouble() * 100, week.path("scored").asLong(), week.path("week").asText()));
		}
		out.append(String.format(Locale.ROOT, "%nRun log: one JSON line per run in %s (replaced at every start of the "
				+ "demo)%n", story.runLog()));
		out.append("===========================================================\n");
		return out.toString();
	}

	/**
	 * The on-call questions, answered from the triage endpoints: which tool, one user or many, which error, since
	 * when, and the failing call replayed (during the incident, and after the fix).
	 */
	private void triage(StringBuilder out, Iterable<String> tools, Story story) throws Exception {
		out.append("Triage: the five questions, answered from /actuator/vigil\n");
		JsonNode worst = null;
		for (String tool : tools) {
			JsonNode summary = get("/actuator/vigil/tools/" + tool);
			if (summary.path("errors").asLong() > 0
					&& (worst == null || summary.path("errors").asLong() > worst.path("errors").asLong())) {
				worst = summary;
			}
		}
		if (worst == null) {
			out.append("  no tool failed\n\n");
			return;
		}
		String tool = worst.path("tool").asText();
		out.append(String.format(Locale.ROOT, "  Which tool?        %s: %d of %d calls failed (%.1f%%) in the last %s%n",
				tool, worst.path("errors").asLong(), worst.path("calls").asLong(),
				100 * worst.path("error_rate").asDouble(), worst.path("window").asText()));
		long users = worst.path("users_affected").asLong();
		out.append(String.format(Locale.ROOT, "  One user or many?  %s: %d users affected; the user hit most had %.0f%% of "
				+ "the failures%n", (users > 1) ? "many" : "one", users, 100 * worst.path("top_user_share").asDouble()));
		JsonNode type = worst.path("error_types").path(0);
		out.append(String.format(Locale.ROOT, "  Which error?       %s (%d calls), the page titled \"%s\"; first seen %s, "
				+ "last seen %s%n", type.path("type").asText(), type.path("count").asLong(),
				title(type.path("sample_message").asText()), relative(story.incidentStart(),
						Instant.parse(type.path("first_seen").asText())),
				relative(story.incidentStart(), Instant.parse(type.path("last_seen").asText()))));
		if (worst.path("onset").isTextual()) {
			Instant onset = Instant.parse(worst.path("onset").asText());
			out.append(String.format(Locale.ROOT, "  Since when?        onset %s from the incident's start (%.1f s), the error "
					+ "rate up from %.1f%%%s%n", relative(story.incidentStart(), onset),
					Duration.between(story.incidentStart(), onset).toMillis() / 1000.0,
					100 * worst.path("healthy_error_rate").asDouble(),
					worst.path("recovered_at").isTextual() ? "; back to healthy "
							+ relative(story.incidentStart(), Instant.parse(worst.path("recovered_at").asText())) : ""));
		}
		else {
			out.append("  Since when?        no step up found (" + worst.path("onset_basis").asText() + ")\n");
		}
		JsonNode changes = worst.path("changes_before_onset");
		if (worst.path("onset").isTextual() && changes.isEmpty()) {
			out.append("  What changed?      no release or instance of this application started in the 15 minutes "
					+ "before the onset: look at what it calls\n");
		}
		for (JsonNode change : changes) {
			out.append(String.format(Locale.ROOT, "  What changed?      release %s started on %s, %s from the incident's "
					+ "start%n", change.path("version").asText(), change.path("instance").asText(),
					relative(story.incidentStart(), Instant.parse(change.path("first_seen").asText()))));
		}
		List<String> releases = new ArrayList<>();
		for (JsonNode release : worst.path("versions")) {
			releases.add(String.format(Locale.ROOT, "%s: %d of %d calls failed (%.1f%%)",
					release.path("version").asText("unknown"), release.path("errors").asLong(),
					release.path("calls").asLong(), 100 * release.path("error_rate").asDouble()));
		}
		if (!releases.isEmpty()) {
			out.append("  Which release?     ").append(String.join("; ", releases)).append('\n');
		}
		JsonNode reproduced = story.reproduced();
		if (reproduced != null && reproduced.has("replayed")) {
			out.append(String.format(Locale.ROOT, "  Reproduce it:      replayed %s %s during the incident: %s%n", tool,
					reproduced.path("arguments").asText(), outcome(reproduced.path("replayed"))));
			JsonNode fixed = replay(reproduced.path("run_id").asText(), reproduced.path("step").asInt());
			out.append(String.format(Locale.ROOT, "                     replayed again after the fix: %s%n",
					outcome(fixed.path("replayed"))));
		}
		out.append("  The failing calls: GET ").append(worst.path("failures_path").asText())
			.append("; a run's steps: GET /actuator/vigil/runs/{run_id}\n\n");
	}

	/**
	 * The second incident, told like the first from the same endpoints: which retriever, how its retrievals ended,
	 * since when, how many runs answered without evidence, and the alert's times.
	 */
	private void secondIncident(StringBuilder out, Story story, List<Sample> samples) throws Exception {
		out.append(String.format(Locale.ROOT, "Second incident: a re-index emptied the policies knowledge base from %s "
				+ "to %s (%ds).%n", time(story.reindexStart()), time(story.reindexEnd()),
				Duration.between(story.reindexStart(), story.reindexEnd()).toSeconds()));
		JsonNode summary = get("/actuator/vigil/retrievers/policies?window=1h");
		JsonNode type = summary.path("error_types").path(0);
		out.append(String.format(Locale.ROOT, "  Which retriever?   policies: %d of %d retrievals failed, %s (%d); first "
				+ "seen %s from the re-index's start%n", summary.path("errors").asLong(),
				summary.path("retrievals").asLong(), type.path("type").asText("none"), type.path("count").asLong(),
				type.path("first_seen").isTextual()
						? relative(story.reindexStart(), Instant.parse(type.path("first_seen").asText())) : "never"));
		out.append(String.format(Locale.ROOT, "  One user or many?  %s: %d users affected%n",
				(summary.path("users_affected").asLong() > 1) ? "many" : "one",
				summary.path("users_affected").asLong()));
		out.append(String.format(Locale.ROOT, "  Answered anyway?   %.0f runs answered without evidence (flag "
				+ "answered_without_evidence), with specifics nothing backs%n",
				sum(samples, "vigil_hallucination_flags_total", Map.of("kind", "answered_without_evidence"))));
		JsonNode alerts = alerts();
		List<JsonNode> all = new ArrayList<>();
		alerts.path("resolved").forEach(all::add);
		alerts.path("active").forEach(all::add);
		for (JsonNode alert : all) {
			if ("retrieval-empty-rate".equals(alert.path("alert").asText())) {
				out.append(String.format(Locale.ROOT, "  The alert:         retrieval-empty-rate policies fired %s from the "
						+ "re-index's start, %s%n", relative(story.reindexStart(), Instant.parse(alert.path("since")
							.asText())), alert.path("resolvedAt").isTextual() ? "resolved " + relative(
									story.reindexStart(), Instant.parse(alert.path("resolvedAt").asText()))
									: "still firing"));
			}
		}
		out.append("  The failing queries: GET ").append(summary.path("failures_path").asText()).append("\n\n");
	}

	private static String outcome(JsonNode outcome) {
		String excerpt = outcome.path("result_excerpt").asText();
		String shown = "error".equals(outcome.path("outcome").asText())
				? "\"" + title(excerpt) + "\"" : ((excerpt.length() > 60) ? excerpt.substring(0, 60) + "..." : excerpt);
		return outcome.path("outcome").asText() + (outcome.path("error_type").isTextual()
				? " " + outcome.path("error_type").asText() : "") + " " + shown;
	}

	private static String title(String html) {
		Matcher title = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE).matcher(html);
		return title.find() ? title.group(1) : ((html.length() > 40) ? html.substring(0, 40) + "..." : html);
	}

	/** The alerts in the order they fired, with their times relative to the incident's start. */
	private void alerts(StringBuilder out, Instant incident) throws Exception {
		out.append("Alerts in the order they fired (times from the incident's start; highest severity reached)\n");
		JsonNode alerts = alerts();
		List<JsonNode> all = new ArrayList<>();
		alerts.path("resolved").forEach(all::add);
		alerts.path("active").forEach(all::add);
		all.sort(Comparator.comparing((JsonNode alert) -> Instant.parse(alert.path("since").asText())));
		for (JsonNode alert : all) {
			Instant since = Instant.parse(alert.path("since").asText());
			String resolved = alert.path("resolvedAt").isTextual()
					? "resolved " + relative(incident, Instant.parse(alert.path("resolvedAt").asText()))
					: "still firing";
			out.append(String.format(Locale.ROOT, "  %-16s %-26s %-8s fired %s, %s%n", alert.path("alert").asText(),
					alert.path("subject").asText(), alert.path("peakSeverity").asText(), relative(incident, since),
					resolved));
		}
		if (all.isEmpty()) {
			out.append("  none\n");
		}
		out.append('\n');
	}

	private static String relative(Instant incident, Instant at) {
		long seconds = Duration.between(incident, at).toSeconds();
		return ((seconds >= 0) ? "+" : "-") + Math.abs(seconds) + "s";
	}

	private static String time(Instant at) {
		return DateTimeFormatter.ISO_LOCAL_TIME.withZone(ZoneOffset.UTC).format(at.truncatedTo(ChronoUnit.SECONDS));
	}

	/**
	 * What the replay did.
	 *
	 * @param conversations conversations sent
	 * @param users users they came from
	 * @param incidentStart when the tools switched to the deprecated API
	 * @param incidentEnd when they switched back
	 * @param runLog the run log's file
	 * @param reproduced the replay of a failing call made during the incident, {@code null} when none failed
	 */
	record Story(int conversations, int users, Instant incidentStart, Instant incidentEnd, String runLog,
			@Nullable JsonNode reproduced, Instant reindexStart, Instant reindexEnd) {
	}

	private static double sum(List<Sample> samples, String name, Map<String, String> match) {
		double total = 0;
		for (Sample sample : samples) {
			if (sample.name().equals(name) && matches(sample, match)) {
				total += sample.value();
			}
		}
		return total;
	}

	private static boolean matches(Sample sample, Map<String, String> match) {
		for (Map.Entry<String, String> entry : match.entrySet()) {
			if (!entry.getValue().equals(sample.labels().get(entry.getKey()))) {
				return false;
			}
		}
		return true;
	}

	/** p50, p95 and p99 of cumulative histogram buckets summed over matching series, as Prometheus computes them. */
	static double[] quantiles(List<Sample> samples, String bucketName, Map<String, String> match) {
		TreeMap<Double, Double> buckets = new TreeMap<>();
		for (Sample sample : samples) {
			if (sample.name().equals(bucketName) && matches(sample, match)) {
				String le = sample.labels().get("le");
				double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
				buckets.merge(bound, sample.value(), Double::sum);
			}
		}
		double[] quantiles = new double[3];
		double[] qs = { 0.5, 0.95, 0.99 };
		Double total = buckets.isEmpty() ? null : buckets.lastEntry().getValue();
		for (int i = 0; i < qs.length; i++) {
			if (total == null || total == 0) {
				quantiles[i] = Double.NaN;
				continue;
			}
			double rank = qs[i] * total;
			double previousBound = 0;
			double previousCount = 0;
			for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
				if (bucket.getValue() >= rank) {
					if (bucket.getKey().isInfinite()) {
						quantiles[i] = previousBound;
					}
					else {
						double width = bucket.getValue() - previousCount;
						quantiles[i] = previousBound + ((width > 0) ? (bucket.getKey() - previousBound)
								* (rank - previousCount) / width : 0);
					}
					break;
				}
				previousBound = bucket.getKey();
				previousCount = bucket.getValue();
			}
		}
		return quantiles;
	}

}
