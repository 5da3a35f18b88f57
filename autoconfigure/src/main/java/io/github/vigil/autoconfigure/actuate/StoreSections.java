package io.github.vigil.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.store.CostShare;
import io.github.vigil.store.FailureQuery;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.ServerSummary;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.StoredStep;
import io.github.vigil.store.ToolSummary;
import io.github.vigil.store.Triage;
import io.github.vigil.store.TriageException;
import org.jspecify.annotations.Nullable;

/**
 * What the {@code vigil} endpoint answers from the run store: runs, conversations, cost, the triage of tools,
 * retrievers, MCP servers and prompts, failing calls, replay. The only class of the endpoint's that names the store
 * module's types, used only when {@code vigil-store} is on the class path.
 */
final class StoreSections {

	static final String MODULE_CLASS = "io.github.vigil.store.Triage";

	/** The kind of a retriever's steps in the store. */
	private static final String RETRIEVAL = "retrieval";

	private final Vigil vigil;

	private final String path;

	private final @Nullable EvalSections evals;

	StoreSections(Vigil vigil, String path, @Nullable EvalSections evals) {
		this.vigil = vigil;
		this.path = path;
		this.evals = evals;
	}

	/** The answer for a store's refusal: its reason as the HTTP status. */
	static @Nullable EndpointError asError(RuntimeException ex) {
		if (!(ex instanceof TriageException triage)) {
			return null;
		}
		return switch (triage.reason()) {
			case INVALID -> EndpointError.invalid(triage.getMessage());
			case NOT_FOUND -> EndpointError.notFound(triage.getMessage());
			case REFUSED -> EndpointError.refused(triage.getMessage());
			case NOT_REPLAYABLE -> EndpointError.conflict(triage.getMessage());
		};
	}

	private Triage triage() {
		if (!this.vigil.storesRuns()) {
			throw EndpointError.notFound("the run store is off (vigil.store.enabled=false)");
		}
		return Triage.of(this.vigil);
	}

	/** Whether stored runs may be replayed. */
	boolean replay() {
		return this.vigil.storesRuns() && triage().replayPolicy().enabled();
	}

	/** {@code GET conversations}: a user's conversations (or everyone's), newest first. */
	Map<String, Object> conversations(@Nullable String user, @Nullable String limit, @Nullable Duration range) {
		int max = Parameters.whole("limit", limit, Triage.DEFAULT_RUNS, 1, Triage.MAX_RUNS);
		Instant until = Instant.now().plusMillis(1);
		Duration span = (range != null) ? range : Duration.ofDays(1);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("user_id", user);
		body.put("conversations", triage().store()
			.sessions(Parameters.blankToNull(user), until.minus(span), until, max)
			.stream()
			.map(TriageJson::session)
			.toList());
		return body;
	}

	/** {@code GET cost}: where the money went, by agent, user, model and tool. */
	Map<String, Object> cost(@Nullable String limit, @Nullable Duration range) {
		Instant until = Instant.now().plusMillis(1);
		Duration span = (range != null) ? range : Duration.ofDays(1);
		RunStore store = triage().store();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("range", TriageJson.describe(span));
		for (CostShare.By by : CostShare.By.values()) {
			body.put("by_" + by.name().toLowerCase(Locale.ROOT), store
				.costs(by, until.minus(span), until, Parameters.whole("limit", limit, 10, 1, 100))
				.stream()
				.map(TriageJson::cost)
				.toList());
		}
		return body;
	}

	/** {@code GET runs}: runs, newest first. */
	Map<String, Object> runs(@Nullable String user, @Nullable String limit) {
		int max = Parameters.whole("limit", limit, Triage.DEFAULT_RUNS, 1, Triage.MAX_RUNS);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("user_id", user);
		body.put("runs",
				triage().runs(Parameters.blankToNull(user), max).stream().map(TriageJson::runSummary).toList());
		return body;
	}

	/** {@code GET runs/{runId}}: a run's steps as a waterfall, with its scores and feedback when evals are there. */
	Map<String, Object> run(String runId) {
		Map<String, Object> run = TriageJson.run(triage().run(runId), this.path);
		return (this.evals != null) ? this.evals.withEvals(run, runId) : run;
	}

	/** A tool's summary, with what changed before its onset and its calls per version. */
	Map<String, Object> tool(String tool, @Nullable String window) {
		Duration span = (window != null) ? Parameters.duration("window", window) : Triage.DEFAULT_WINDOW;
		ToolSummary summary = triage().summary(tool, span);
		Map<String, Object> body = TriageJson.summary(summary, window, failuresPath(tool));
		body.put("changes_before_onset", changesBefore(summary.onset()));
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

	private List<Map<String, Object>> changesBefore(@Nullable Instant onset) {
		return (onset != null) ? triage().changesBefore(onset).stream().map(ConsoleData::version).toList() : List.of();
	}

	/**
	 * An agent's runs by the version of its prompt ({@code window} default 7 days): runs, failures, first and last
	 * use, and each scorer's mean score, so a prompt change is judged by what it did.
	 */
	Map<String, Object> prompts(String agent, @Nullable String window) {
		Duration span = (window != null) ? Parameters.duration("window", window) : Duration.ofDays(7);
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
	Map<String, Object> server(String server, @Nullable String window) {
		Duration span = (window != null) ? Parameters.duration("window", window) : Triage.DEFAULT_WINDOW;
		ServerSummary summary = triage().server(server, span);
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
		body.put("changes_before_onset", changesBefore(summary.onset()));
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
	Map<String, Object> retriever(String retriever, @Nullable String window) {
		Duration span = (window != null) ? Parameters.duration("window", window) : Triage.DEFAULT_WINDOW;
		ToolSummary summary = triage().summary(RETRIEVAL, retriever, span);
		Map<String, Object> tool = TriageJson.summary(summary, window,
				this.path + "/retrievers/" + retriever + "/failures");
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("retriever", retriever);
		tool.forEach((key, value) -> {
			if (!"tool".equals(key)) {
				body.put(key.replace("calls", "retrievals"), value);
			}
		});
		body.put("changes_before_onset", changesBefore(summary.onset()));
		return body;
	}

	/** A conversation's runs in order, with their outcomes, tokens, cost, flags and guard decisions. */
	Map<String, Object> conversation(String memoryId, @Nullable String limit) {
		int max = Parameters.whole("limit", limit, Triage.DEFAULT_RUNS, 1, Triage.MAX_RUNS);
		List<StoredRun> runs = triage().store().session(memoryId, max);
		if (runs.isEmpty()) {
			throw EndpointError.notFound("no stored runs in conversation " + Parameters.cut(memoryId));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("memory_id", memoryId);
		body.put("user_id", runs.get(runs.size() - 1).userId());
		body.put("runs", runs.stream().map(TriageJson::runSummary).toList());
		return body;
	}

	/** A tool's (or a retriever's) failing calls, newest first. */
	Map<String, Object> failures(boolean retrievers, String name, @Nullable String limit, @Nullable String since,
			@Nullable String until, @Nullable String user, @Nullable String errorType, @Nullable String agent) {
		FailureQuery query;
		try {
			query = new FailureQuery(name, Parameters.time("since", since), Parameters.time("until", until),
					Parameters.blankToNull(user), Parameters.blankToNull(errorType), Parameters.blankToNull(agent),
					Parameters.whole("limit", limit, FailureQuery.DEFAULT_LIMIT, 1, FailureQuery.MAX_LIMIT),
					retrievers ? RETRIEVAL : StoredStep.TOOL);
		}
		catch (IllegalArgumentException ex) {
			throw EndpointError.invalid(String.valueOf(ex.getMessage()));
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put(retrievers ? "retriever" : "tool", name);
		body.put("failures", triage().failures(query).stream().map((failure) -> {
			Map<String, Object> json = TriageJson.failure(failure);
			if (retrievers) {
				// a retrieval's input is its query
				json.put("query", json.remove("arguments"));
			}
			return json;
		}).toList());
		return body;
	}

	/** {@code POST runs/{runId}/replay}: the run again, with recorded or live tools. */
	Map<String, Object> replayRun(String runId, boolean recordedTools) {
		return TriageJson.runReplay(triage().replayRun(runId, recordedTools));
	}

	/** {@code POST runs/{runId}/steps/{index}/replay}: one tool call again. */
	Map<String, Object> replayStep(String runId, int index) {
		return TriageJson.stepReplay(triage().replayStep(runId, index));
	}

	private String failuresPath(String tool) {
		return this.path + "/tools/" + tool + "/failures";
	}

}
