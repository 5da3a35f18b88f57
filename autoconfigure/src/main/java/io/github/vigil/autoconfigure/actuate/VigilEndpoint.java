package io.github.vigil.autoconfigure.actuate;

import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.vigil.Vigil;
import io.github.vigil.eval.EvalDataset;
import io.github.vigil.eval.EvalWeek;
import io.github.vigil.eval.Evals;
import io.github.vigil.eval.OnlineScoring;
import io.github.vigil.grounding.Review;
import io.github.vigil.store.FailureQuery;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.RunQuery;
import io.github.vigil.store.Triage;
import io.github.vigil.store.TriageException;
import io.github.vigil.store.TriageException.Reason;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * The {@code vigil} Actuator endpoint: alerts, the review queue, and triage from the run store.
 * <ul>
 * <li>{@code GET /actuator/vigil/alerts}, {@code /reviews}: active and resolved alerts; flagged answers;</li>
 * <li>{@code GET /actuator/vigil/tools/{tool}?window=15m}: a tool's summary (errors by type, users affected,
 * onset);</li>
 * <li>{@code GET /actuator/vigil/tools/{tool}/failures?limit&since&until&user&errorType&agent}: failing calls;</li>
 * <li>{@code GET /actuator/vigil/prompts/{agent}?window=7d}: the agent's runs by prompt version, with failures
 * and each scorer's mean score;</li>
 * <li>{@code GET /actuator/vigil/servers/{server}?window=15m}: an MCP server's tools' calls and failures together,
 * with each tool's summary;</li>
 * <li>{@code GET /actuator/vigil/retrievers/{retriever}?window=15m} and
 * {@code /retrievers/{retriever}/failures}: the same for a retriever's retrievals, with their queries;</li>
 * <li>{@code GET /actuator/vigil/runs/{runId}}: a run's steps as a waterfall; {@code GET /actuator/vigil/runs?user&limit}:
 * runs, newest first;</li>
 * <li>{@code POST /actuator/vigil/runs/{runId}/replay} ({@code {"tools":"recorded"|"live"}}) and
 * {@code POST /actuator/vigil/runs/{runId}/steps/{index}/replay}: replay, only with
 * {@code vigil.triage.replay.enabled=true}.</li>
 * <li>{@code POST /actuator/vigil/runs/{runId}/feedback} ({@code {"resolved": true|false, "source": "..."}}): the
 * business's resolution outcome, only with {@code vigil.evals.feedback.enabled=true};</li>
 * <li>{@code GET /actuator/vigil/evals?weeks=8}: the weekly resolution trend per agent;
 * {@code GET /actuator/vigil/evals/dataset?days=7&agent&outcome&groundTruthOnly&limit}: stored runs as a JSONL
 * eval dataset, only with {@code vigil.evals.dataset.enabled=true}.</li>
 * </ul>
 * Runs and reviews hold user content: expose the endpoint only behind authentication. Bad input gets a 400 or 404
 * with a message, never a stack trace.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@WebEndpoint(id = "vigil")
public class VigilEndpoint {

	/** The kind of a retriever's steps in the store. */
	private static final String RETRIEVAL = "retrieval";


	private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

	/** The media type of a JSONL dataset. */
	static final MimeType JSONL = MimeType.valueOf("application/x-ndjson");

	/** Weeks the trend shows by default. */
	static final int DEFAULT_WEEKS = 8;

	/** Runs a dataset export holds by default. */
	static final int DEFAULT_DATASET_LIMIT = 10_000;

	private final Vigil vigil;

	private final String path;

	private final boolean feedback;

	private final boolean dataset;

	/**
	 * Creates the endpoint, with feedback and the dataset export off.
	 * @param vigil the application's Vigil
	 * @param path the endpoint's path, such as {@code /actuator/vigil}, for the links it returns
	 */
	public VigilEndpoint(Vigil vigil, String path) {
		this(vigil, path, false, false);
	}

	/**
	 * Creates the endpoint.
	 * @param vigil the application's Vigil
	 * @param path the endpoint's path, such as {@code /actuator/vigil}, for the links it returns
	 * @param feedback whether feedback may be posted
	 * @param dataset whether stored runs may be exported as a dataset
	 */
	public VigilEndpoint(Vigil vigil, String path, boolean feedback, boolean dataset) {
		this.vigil = vigil;
		this.path = path;
		this.feedback = feedback;
		this.dataset = dataset;
	}

	/**
	 * Lists what the endpoint offers.
	 * @return the sections and the runs in flight
	 */
	@ReadOperation
	public Map<String, Object> overview() {
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("sections", this.vigil.storesRuns()
				? List.of("alerts", "reviews", "runs", "tools", "retrievers", "servers", "prompts", "evals",
						"console", "conversations", "cost")
				: List.of("alerts", "reviews", "console"));
		overview.put("activeRuns", this.vigil.activeRuns());
		overview.put("replay", this.vigil.storesRuns() && this.vigil.triage().replayPolicy().enabled());
		overview.put("feedback", this.vigil.storesRuns() && this.feedback);
		overview.put("dataset", this.vigil.storesRuns() && this.dataset);
		return overview;
	}

	/**
	 * Reads one section: {@code alerts}, {@code reviews}, {@code runs} or {@code evals}.
	 * @param section the section
	 * @param user for {@code runs}: only this user's
	 * @param limit for {@code runs}: at most this many (default 20, at most 500)
	 * @param weeks for {@code evals}: how many weeks (default 8)
	 * @return the section
	 */
	@ReadOperation
	public WebEndpointResponse<Object> section(@Selector String section, @Nullable String user,
			@Nullable String limit, @Nullable String weeks, @Nullable String range) {
		return answer(() -> switch (section) {
			case "alerts" -> {
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("active", this.vigil.alerts().active());
				body.put("resolved", this.vigil.alerts().recentlyResolved());
				yield body;
			}
			case "reviews" -> {
				List<Review> reviews = this.vigil.hallucinations().reviews().newestFirst();
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("count", reviews.size());
				body.put("reviews", reviews);
				yield body;
			}
			case "console" -> new ConsoleData(this.vigil, Clock.systemUTC()).snapshot(range(range));
			case "conversations" -> {
				int max = whole("limit", limit, Triage.DEFAULT_RUNS, 1, Triage.MAX_RUNS);
				Instant until = Instant.now().plusMillis(1);
				Duration span = (range(range) != null) ? range(range) : Duration.ofDays(1);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("user_id", user);
				body.put("conversations", triage().store()
					.sessions(blankToNull(user), until.minus(span), until, max)
					.stream()
					.map(TriageJson::session)
					.toList());
				yield body;
			}
			case "cost" -> {
				Instant until = Instant.now().plusMillis(1);
				Duration span = (range(range) != null) ? range(range) : Duration.ofDays(1);
				io.github.vigil.store.RunStore store = triage().store();
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("range", TriageJson.describe(span));
				for (io.github.vigil.store.CostShare.By by : io.github.vigil.store.CostShare.By.values()) {
					body.put("by_" + by.name().toLowerCase(Locale.ROOT), store
						.costs(by, until.minus(span), until, whole("limit", limit, 10, 1, 100))
						.stream()
						.map(TriageJson::cost)
						.toList());
				}
				yield body;
			}
			case "runs" -> {
				int max = whole("limit", limit, Triage.DEFAULT_RUNS, 1, Triage.MAX_RUNS);
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("user_id", user);
				body.put("runs", triage().runs(blankToNull(user), max).stream().map(TriageJson::runSummary).toList());
				yield body;
			}
			case "evals" -> {
				int count = whole("weeks", weeks, DEFAULT_WEEKS, 1, Evals.MAX_WEEKS);
				evals();
				Map<String, Object> body = new LinkedHashMap<>();
				body.put("weeks", this.vigil.evals().weeks(count).stream().map(VigilEndpoint::week).toList());
				body.put("resolution_drop", this.vigil.alerts()
					.active()
					.stream()
					.filter((alert) -> OnlineScoring.RESOLUTION_DROP.equals(alert.alert()))
					.toList());
				yield body;
			}
			default -> throw new TriageException(Reason.NOT_FOUND,
					"no section '" + cut(section) + "'; sections: alerts, reviews, runs, tools, evals, console, "
							+ "conversations, cost");
		});
	}

	/**
	 * Reads one item: {@code tools/{tool}} (a summary over {@code window}, default 15m), {@code runs/{runId}}, or
	 * {@code evals/dataset} (stored runs as JSONL).
	 * @param section {@code tools}, {@code runs} or {@code evals}
	 * @param name the tool, the run id, or {@code dataset}
	 * @param window for tools: the window, such as {@code 15m}, {@code 1h} or {@code PT15M}
	 * @param days for the dataset: how many days back (default 7)
	 * @param agent for the dataset: only this agent's runs
	 * @param outcome for the dataset: only runs with this outcome
	 * @param groundTruthOnly for the dataset: only runs with feedback ({@code true}/{@code false}, default false)
	 * @param limit for the dataset: at most this many runs, the newest (default 10,000)
	 * @return the item
	 */
	@ReadOperation
	public WebEndpointResponse<Object> item(@Selector String section, @Selector String name,
			@Nullable String window, @Nullable String days, @Nullable String agent, @Nullable String outcome,
			@Nullable String groundTruthOnly, @Nullable String limit) {
		if ("evals".equals(section) && "dataset".equals(name)) {
			return dataset(days, agent, outcome, groundTruthOnly, limit);
		}
		return answer(() -> switch (section) {
			case "tools" -> toolSummary(name, window);
			case "retrievers" -> retrieverSummary(name, window);
			case "servers" -> serverSummary(name, window);
			case "prompts" -> prompts(name, window);
			case "conversations" -> conversation(name, limit);
			case "runs" -> withEvals(TriageJson.run(triage().run(name), this.path), name);
			case "evals" -> throw new TriageException(Reason.NOT_FOUND, "no evals/" + cut(name) + "; see evals/dataset");
			default -> throw new TriageException(Reason.NOT_FOUND, "no section '" + cut(section) + "'");
		});
	}

	/** A tool's summary, with what changed before its onset and its calls per version. */
	private Map<String, Object> toolSummary(String tool, @Nullable String window) {
		Duration span = (window != null) ? duration("window", window) : Triage.DEFAULT_WINDOW;
		io.github.vigil.store.ToolSummary summary = triage().summary(tool, span);
		Map<String, Object> body = TriageJson.summary(summary, window, failuresPath(tool));
		body.put("changes_before_onset", (summary.onset() != null)
				? triage().changesBefore(summary.onset()).stream().map(ConsoleData::version).toList() : List.of());
		body.put("versions", triage().byVersion(tool, span).stream().map((calls) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("version", calls.version());
			json.put("calls", calls.calls());
			json.put("errors", calls.errors());
			json.put("error_rate", Double.isNaN(calls.errorRate()) ? null
					: Math.round(calls.errorRate() * 10_000) / 10_000.0);
			return json;
		}).toList());
		return body;
	}

	/**
	 * An agent's runs by the version of its prompt ({@code window} default 7 days): runs, failures, first and last
	 * use, and each scorer's mean score, so a prompt change is judged by what it did.
	 */
	private Map<String, Object> prompts(String agent, @Nullable String window) {
		Duration span = (window != null) ? duration("window", window) : Duration.ofDays(7);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("agent", agent);
		body.put("window", (window != null) ? window : TriageJson.describe(span));
		body.put("versions", triage().prompts(agent, span).stream().map((prompt) -> {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("name", prompt.name());
			json.put("version", prompt.version());
			json.put("runs", prompt.runs());
			json.put("failed", prompt.failed());
			json.put("failure_rate", Math.round(prompt.failureRate() * 10_000) / 10_000.0);
			json.put("first_seen", prompt.firstSeen().toString());
			json.put("last_seen", prompt.lastSeen().toString());
			Map<String, Object> scores = new LinkedHashMap<>();
			prompt.meanScores().forEach((scorer, mean) -> scores.put(scorer, Math.round(mean * 10_000) / 10_000.0));
			json.put("mean_scores", scores);
			return json;
		}).toList());
		return body;
	}

	/**
	 * An MCP server's summary: its tools' calls, failures and error types together, the earliest onset, and each
	 * tool's summary with its failures path.
	 */
	private Map<String, Object> serverSummary(String server, @Nullable String window) {
		Duration span = (window != null) ? duration("window", window) : Triage.DEFAULT_WINDOW;
		io.github.vigil.store.ServerSummary summary = triage().server(server, span);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("server", summary.server());
		body.put("window", (window != null) ? window : TriageJson.describe(span));
		body.put("calls", summary.calls());
		body.put("errors", summary.errors());
		body.put("error_rate", Math.round(summary.errorRate() * 10_000) / 10_000.0);
		body.put("error_types", summary.errorTypes().stream().map((type) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("type", type.type());
			entry.put("count", type.count());
			entry.put("first_seen", type.firstSeen().toString());
			entry.put("last_seen", type.lastSeen().toString());
			return entry;
		}).toList());
		body.put("users_affected_at_least", summary.usersAffectedAtLeast());
		body.put("onset", (summary.onset() != null) ? summary.onset().toString() : null);
		body.put("changes_before_onset", (summary.onset() != null)
				? triage().changesBefore(summary.onset()).stream().map(ConsoleData::version).toList() : List.of());
		body.put("tools", summary.tools()
			.stream()
			.map((tool) -> TriageJson.summary(tool, window, failuresPath(tool.tool())))
			.toList());
		return body;
	}

	/**
	 * A retriever's summary, as a tool's: its retrievals and their failures by type ({@code empty},
	 * {@code below_threshold}, {@code dimension_mismatch}...), users affected, onset, and what changed before it.
	 */
	private Map<String, Object> retrieverSummary(String retriever, @Nullable String window) {
		Duration span = (window != null) ? duration("window", window) : Triage.DEFAULT_WINDOW;
		io.github.vigil.store.ToolSummary summary = triage().summary(RETRIEVAL, retriever, span);
		Map<String, Object> tool = TriageJson.summary(summary, window,
				this.path + "/retrievers/" + retriever + "/failures");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("retriever", retriever);
		tool.forEach((key, value) -> {
			if (!"tool".equals(key)) {
				body.put(key.replace("calls", "retrievals"), value);
			}
		});
		body.put("changes_before_onset", (summary.onset() != null)
				? triage().changesBefore(summary.onset()).stream().map(ConsoleData::version).toList() : List.of());
		return body;
	}

	/** A conversation's runs in order, with their outcomes, tokens, cost, flags and guard decisions. */
	private Map<String, Object> conversation(String memoryId, @Nullable String limit) {
		int max = whole("limit", limit, Triage.DEFAULT_RUNS, 1, Triage.MAX_RUNS);
		List<io.github.vigil.store.StoredRun> runs = triage().store().session(memoryId, max);
		if (runs.isEmpty()) {
			throw new TriageException(Reason.NOT_FOUND, "no stored runs in conversation " + cut(memoryId));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("memory_id", memoryId);
		body.put("user_id", runs.get(runs.size() - 1).userId());
		body.put("runs", runs.stream().map(TriageJson::runSummary).toList());
		return body;
	}

	private WebEndpointResponse<Object> dataset(@Nullable String days, @Nullable String agent,
			@Nullable String outcome, @Nullable String groundTruthOnly, @Nullable String limit) {
		WebEndpointResponse<Object> refused = answer(() -> {
			evals();
			if (!this.dataset) {
				throw new TriageException(Reason.REFUSED, "the dataset export is off: it holds users' messages in "
						+ "bulk; set vigil.evals.dataset.enabled=true to allow it");
			}
			return Map.of();
		});
		if (refused.getStatus() != WebEndpointResponse.STATUS_OK) {
			return refused;
		}
		try {
			boolean truthOnly = flag("groundTruthOnly", groundTruthOnly);
			EvalDataset cases = this.vigil.evals()
				.dataset(whole("days", days, 7, 1, Evals.MAX_DAYS), blankToNull(agent), blankToNull(outcome),
						truthOnly, whole("limit", limit, DEFAULT_DATASET_LIMIT, 1, RunQuery.MAX_LIMIT));
			StringWriter lines = new StringWriter();
			cases.writeJsonl(lines);
			return new WebEndpointResponse<>(lines.toString(), WebEndpointResponse.STATUS_OK, JSONL);
		}
		catch (TriageException ex) {
			return answer(() -> {
				throw ex;
			});
		}
	}

	private static boolean flag(String name, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return false;
		}
		return switch (value.strip().toLowerCase(Locale.ROOT)) {
			case "true" -> true;
			case "false" -> false;
			default -> throw new TriageException(Reason.INVALID, name + " must be true or false, was \"" + cut(value) + "\"");
		};
	}

	/** A stored run's scores and the business's outcome, when there are any. */
	private Map<String, Object> withEvals(Map<String, Object> run, String runId) {
		run.put("scores", this.vigil.evals().scores(runId).stream().map(VigilEndpoint::score).toList());
		Feedback feedback = this.vigil.evals().feedbackOf(runId);
		if (feedback != null) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("resolved", feedback.resolved());
			json.put("source", feedback.source());
			json.put("received_at", feedback.receivedAt().toString());
			run.put("feedback", json);
		}
		else {
			run.put("feedback", null);
		}
		return run;
	}

	private static Map<String, Object> score(io.github.vigil.store.RunScore score) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("scorer", score.scorer());
		json.put("value", score.value());
		json.put("label", score.label());
		json.put("explanation", score.explanation());
		return json;
	}

	private static Map<String, Object> week(EvalWeek week) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("agent", week.agent());
		json.put("week", week.week().toString());
		json.put("runs", week.runs());
		json.put("scored", week.scored());
		json.put("resolution_rate", week.resolutionRate());
		return json;
	}

	private void evals() {
		if (!this.vigil.storesRuns()) {
			throw new TriageException(Reason.NOT_FOUND, "the run store is off (vigil.store.enabled=false), so there "
					+ "are no evals over stored runs");
		}
	}

	/**
	 * Lists the failing calls of a tool: {@code tools/{tool}/failures}, newest first.
	 * @param section {@code tools}
	 * @param tool the tool
	 * @param part {@code failures}
	 * @param limit at most this many (default 50, at most 1000)
	 * @param since from this time: an ISO-8601 instant, or a duration back from now such as {@code 30m}
	 * @param until before this time, in the same forms
	 * @param user only this user's
	 * @param errorType only this error type
	 * @param agent only this agent's
	 * @return the failures
	 */
	@ReadOperation
	public WebEndpointResponse<Object> failures(@Selector String section, @Selector String tool,
			@Selector String part, @Nullable String limit, @Nullable String since,
			@Nullable String until, @Nullable String user, @Nullable String errorType,
			@Nullable String agent) {
		return answer(() -> {
			boolean retrievers = "retrievers".equals(section);
			if (!("tools".equals(section) || retrievers) || !"failures".equals(part)) {
				throw new TriageException(Reason.NOT_FOUND, "no such path; see /actuator/vigil/tools/{tool}/failures "
						+ "or /actuator/vigil/retrievers/{retriever}/failures");
			}
			FailureQuery query;
			try {
				query = new FailureQuery(tool, time("since", since), time("until", until), blankToNull(user),
						blankToNull(errorType), blankToNull(agent),
						whole("limit", limit, FailureQuery.DEFAULT_LIMIT, 1, FailureQuery.MAX_LIMIT),
						retrievers ? RETRIEVAL : io.github.vigil.store.StoredStep.TOOL);
			}
			catch (IllegalArgumentException ex) {
				throw new TriageException(Reason.INVALID, ex.getMessage());
			}
			Map<String, Object> body = new LinkedHashMap<>();
			body.put(retrievers ? "retriever" : "tool", tool);
			body.put("failures", triage().failures(query).stream().map((failure) -> {
				Map<String, Object> json = TriageJson.failure(failure);
				if (retrievers) {
					// a retrieval's input is its query
					json.put("query", json.remove("arguments"));
				}
				return json;
			}).toList());
			return body;
		});
	}

	/**
	 * Acts on a stored run: {@code POST runs/{runId}/replay} with {@code {"tools":"recorded"}} (the default: tool
	 * results from the store, no tool runs) or {@code {"tools":"live"}} (replayable tools only); or
	 * {@code POST runs/{runId}/feedback} with {@code {"resolved": true|false, "source": "..."}}.
	 * @param section {@code runs}
	 * @param runId the run
	 * @param action {@code replay} or {@code feedback}
	 * @param tools for replay: {@code recorded} or {@code live}
	 * @param resolved for feedback: whether the issue was resolved without a human
	 * @param source for feedback: where the outcome came from
	 * @return the comparison, or the feedback kept with the run's scores
	 */
	@WriteOperation
	public WebEndpointResponse<Object> runAction(@Selector String section, @Selector String runId,
			@Selector String action, @Nullable String tools, @Nullable Object resolved, @Nullable String source) {
		return answer(() -> {
			if ("runs".equals(section) && "feedback".equals(action)) {
				return feedback(runId, resolved, source);
			}
			if (!"runs".equals(section) || !"replay".equals(action)) {
				throw new TriageException(Reason.NOT_FOUND, "no such operation; see POST /actuator/vigil/runs/{runId}/replay");
			}
			String mode = (tools != null) ? tools.toLowerCase(Locale.ROOT) : "recorded";
			if (!mode.equals("recorded") && !mode.equals("live")) {
				throw new TriageException(Reason.INVALID, "tools must be \"recorded\" or \"live\", was \"" + cut(tools) + "\"");
			}
			return TriageJson.runReplay(triage().replayRun(runId, mode.equals("recorded")));
		});
	}

	/**
	 * Replays one stored tool call: {@code POST runs/{runId}/steps/{index}/replay}.
	 * @param section {@code runs}
	 * @param runId the run
	 * @param steps {@code steps}
	 * @param index the step's index
	 * @param action {@code replay}
	 * @return the recorded and the replayed outcome
	 */
	@WriteOperation
	public WebEndpointResponse<Object> replayStep(@Selector String section, @Selector String runId,
			@Selector String steps, @Selector String index, @Selector String action) {
		return answer(() -> {
			if (!"runs".equals(section) || !"steps".equals(steps) || !"replay".equals(action)) {
				throw new TriageException(Reason.NOT_FOUND,
						"no such operation; see POST /actuator/vigil/runs/{runId}/steps/{index}/replay");
			}
			return TriageJson.stepReplay(triage().replayStep(runId, whole("index", index, 0, 0, 10_000)));
		});
	}

	private Map<String, Object> feedback(String runId, @Nullable Object resolved, @Nullable String source) {
		evals();
		if (!this.feedback) {
			throw new TriageException(Reason.REFUSED,
					"feedback is off: set vigil.evals.feedback.enabled=true to attach resolution outcomes to runs");
		}
		boolean outcome;
		if (resolved instanceof Boolean value) {
			outcome = value;
		}
		else if (resolved instanceof String text && (text.equals("true") || text.equals("false"))) {
			outcome = Boolean.parseBoolean(text);
		}
		else {
			throw new TriageException(Reason.INVALID, "the body needs \"resolved\": true or false"
					+ ((resolved != null) ? ", was " + cut(String.valueOf(resolved)) : ""));
		}
		Feedback kept = this.vigil.feedback(runId, outcome, blankToNull(source));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("run_id", runId);
		body.put("resolved", kept.resolved());
		body.put("source", kept.source());
		body.put("received_at", kept.receivedAt().toString());
		body.put("scores", this.vigil.evals().scores(runId).stream().map(VigilEndpoint::score).toList());
		return body;
	}

	private Triage triage() {
		if (!this.vigil.storesRuns()) {
			throw new TriageException(Reason.NOT_FOUND, "the run store is off (vigil.store.enabled=false)");
		}
		return this.vigil.triage();
	}

	private String failuresPath(String tool) {
		return this.path + "/tools/" + tool + "/failures";
	}

	private static WebEndpointResponse<Object> answer(Answer answer) {
		try {
			return new WebEndpointResponse<>(answer.get(), WebEndpointResponse.STATUS_OK);
		}
		catch (TriageException ex) {
			Map<String, Object> body = new LinkedHashMap<>();
			int status = switch (ex.reason()) {
				case INVALID -> WebEndpointResponse.STATUS_BAD_REQUEST;
				case NOT_FOUND -> WebEndpointResponse.STATUS_NOT_FOUND;
				case REFUSED -> 403;
				case NOT_REPLAYABLE -> 409;
			};
			body.put("status", status);
			body.put("error", ex.getMessage());
			return new WebEndpointResponse<>(body, status);
		}
	}

	/** A time range back from now: {@code 15m}, {@code 1h}, {@code 6h}, {@code 24h}, up to 31 days; none for the default. */
	private static @Nullable Duration range(@Nullable String text) {
		if (text == null || text.isBlank() || "auto".equals(text.strip())) {
			return null;
		}
		Duration range = duration("range", text);
		if (range.compareTo(Triage.MAX_WINDOW) > 0 || range.compareTo(Duration.ofMinutes(1)) < 0) {
			throw new TriageException(Reason.INVALID, "range must be between 1m and 31d, was \"" + cut(text) + "\"");
		}
		return range;
	}

	static Duration duration(String name, String text) {
		String value = text.strip();
		Matcher matcher = SHORT_DURATION.matcher(value);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			return switch (matcher.group(2)) {
				case "ms" -> Duration.ofMillis(amount);
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new TriageException(Reason.INVALID, name + " must be a duration such as 15m, 2h, 7d or PT15M, was \""
					+ cut(text) + "\"");
		}
	}

	private static @Nullable Instant time(String name, @Nullable String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			try {
				return Instant.now().minus(duration(name, text));
			}
			catch (TriageException notADuration) {
				throw new TriageException(Reason.INVALID, name + " must be an ISO-8601 instant such as "
						+ "2026-11-30T10:15:00Z, or a time back from now such as 30m, was \"" + cut(text) + "\"");
			}
		}
	}

	private static int whole(String name, @Nullable String text, int fallback, int min, int max) {
		if (text == null || text.isBlank()) {
			return fallback;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value >= min && value <= max) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new TriageException(Reason.INVALID,
				name + " must be a whole number from " + min + " to " + max + ", was \"" + cut(text) + "\"");
	}

	private static @Nullable String blankToNull(@Nullable String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static String cut(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 60) ? text.substring(0, 60) + "…" : text;
	}

	@FunctionalInterface
	private interface Answer {

		Object get();

	}

}
