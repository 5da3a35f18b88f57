package io.github.vigil.autoconfigure.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.grounding.Flag;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.store.ErrorTypeCount;
import io.github.vigil.store.ReplayedOutcome;
import io.github.vigil.store.RunReplay;
import io.github.vigil.store.StepReplay;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.StoredStep;
import io.github.vigil.store.ToolFailure;
import io.github.vigil.store.ToolSummary;
import org.jspecify.annotations.Nullable;

/**
 * Triage answers as the endpoint writes them: snake_case fields, times as ISO-8601 text, rates rounded.
 */
final class TriageJson {

	private TriageJson() {
	}

	static Map<String, Object> summary(ToolSummary summary, @Nullable String window, String failuresPath) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("tool", summary.tool());
		body.put("window", (window != null) ? window : describe(summary.window()));
		body.put("calls", summary.calls());
		body.put("errors", summary.errors());
		body.put("error_rate", round(summary.errorRate()));
		List<Map<String, Object>> types = new ArrayList<>();
		for (ErrorTypeCount type : summary.errorTypes()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("type", type.type());
			entry.put("count", type.count());
			entry.put("first_seen", text(type.firstSeen()));
			entry.put("last_seen", text(type.lastSeen()));
			entry.put("sample_message", type.sampleMessage());
			entry.put("excerpt", readable(type.sampleMessage()));
			types.add(entry);
		}
		body.put("error_types", types);
		body.put("users_affected", summary.usersAffected());
		body.put("top_user_share", round(summary.topUserShare()));
		body.put("onset", text(summary.onset()));
		body.put("onset_basis", summary.onsetBasis());
		body.put("healthy_error_rate", (summary.healthyErrorRate() != null) ? round(summary.healthyErrorRate()) : null);
		body.put("recovered_at", text(summary.recoveredAt()));
		body.put("failures_path", failuresPath);
		return body;
	}

	static Map<String, Object> failure(ToolFailure failure) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("run_id", failure.runId());
		body.put("step", failure.stepIndex());
		body.put("timestamp", text(failure.timestamp()));
		body.put("user_id", failure.userId());
		body.put("agent", failure.agent());
		body.put("error_type", failure.errorType());
		body.put("error_message", failure.errorMessage());
		body.put("arguments", failure.arguments());
		return body;
	}

	static Map<String, Object> runSummary(StoredRun run) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("run_id", run.runId());
		body.put("trace_id", run.traceId());
		body.put("instance", run.instance());
		body.put("agent", run.agent());
		body.put("user_id", run.userId());
		body.put("memory_id", run.memoryId());
		body.put("version", run.version());
		io.github.vigil.run.PromptVersion prompt = run.prompt();
		if (prompt != null) {
			Map<String, Object> named = new LinkedHashMap<>();
			named.put("name", prompt.name());
			named.put("version", prompt.version());
			body.put("prompt", named);
		}
		else {
			body.put("prompt", null);
		}
		body.put("started_at", text(run.startedAt()));
		body.put("ended_at", text(run.endedAt()));
		body.put("latency_ms", Duration.between(run.startedAt(), run.endedAt()).toMillis());
		body.put("outcome", run.outcome());
		body.put("error_type", run.errorType());
		body.put("error_message", run.errorMessage());
		body.put("input_tokens", run.inputTokens());
		body.put("output_tokens", run.outputTokens());
		body.put("tokens_used", run.totalTokens());
		body.put("cost", run.cost());
		body.put("currency", run.currency());
		body.put("input", run.input());
		body.put("output", run.output());
		body.put("guard_trips", run.guardTrips().stream().map(TriageJson::trip).toList());
		body.put("flags", run.flags().stream().map(TriageJson::flag).toList());
		return body;
	}

	static Map<String, Object> run(StoredRun run, String path) {
		Map<String, Object> body = runSummary(run);
		List<Map<String, Object>> steps = new ArrayList<>();
		for (StoredStep step : run.steps()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("index", step.index());
			entry.put("kind", step.kind());
			entry.put("name", step.name());
			entry.put("start_offset_ms", step.startOffsetMicros() / 1000.0);
			entry.put("duration_ms", step.durationMicros() / 1000.0);
			entry.put("outcome", step.outcome());
			entry.put("error_type", step.errorType());
			entry.put("error_message", step.errorMessage());
			if (step.isTool()) {
				entry.put("arguments", step.arguments());
				entry.put("result_excerpt", step.resultExcerpt());
				entry.put("replay_path", path + "/runs/" + run.runId() + "/steps/" + step.index() + "/replay");
			}
			else {
				entry.put("operation", step.operation());
				entry.put("response_model", step.responseModel());
				entry.put("input_tokens", step.inputTokens());
				entry.put("output_tokens", step.outputTokens());
				entry.put("finish_reason", step.finishReason());
				entry.put("cost", step.cost());
			}
			steps.add(entry);
		}
		body.put("steps", steps);
		body.put("agents", run.agents().stream().map((agent) -> {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("name", agent.name());
			entry.put("tokens", agent.tokens());
			entry.put("model_calls", agent.modelCalls());
			entry.put("tool_calls", agent.toolCalls());
			entry.put("outcome", agent.outcome());
			return entry;
		}).toList());
		body.put("replay_path", path + "/runs/" + run.runId() + "/replay");
		return body;
	}

	static Map<String, Object> stepReplay(StepReplay replay) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("run_id", replay.runId());
		body.put("step", replay.stepIndex());
		body.put("tool", replay.tool());
		body.put("arguments", replay.arguments());
		body.put("arguments_exact", replay.argumentsExact());
		body.put("recorded", outcome(replay.recorded()));
		body.put("replayed", outcome(replay.replayed()));
		return body;
	}

	static Map<String, Object> runReplay(RunReplay replay) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("run_id", replay.runId());
		body.put("replay_run_id", replay.replayRunId());
		body.put("tools", replay.tools());
		body.put("input_exact", replay.inputExact());
		Map<String, Object> recorded = new LinkedHashMap<>();
		recorded.put("outcome", replay.recordedOutcome());
		recorded.put("error_type", replay.recordedErrorType());
		recorded.put("result_excerpt", replay.recordedOutput());
		body.put("recorded", recorded);
		Map<String, Object> replayed = new LinkedHashMap<>();
		replayed.put("outcome", replay.replayedOutcome());
		replayed.put("error_type", replay.replayedErrorType());
		replayed.put("result_excerpt", (replay.replayedOutput() != null) ? replay.replayedOutput() : replay.replayedError());
		body.put("replayed", replayed);
		List<Map<String, Object>> steps = new ArrayList<>();
		for (RunReplay.Pair pair : replay.steps()) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("index", pair.index());
			entry.put("same", pair.same());
			entry.put("recorded", side(pair.recorded()));
			entry.put("replayed", side(pair.replayed()));
			steps.add(entry);
		}
		body.put("steps", steps);
		return body;
	}

	private static @Nullable Map<String, Object> side(RunReplay.@Nullable Side side) {
		if (side == null) {
			return null;
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", side.kind());
		body.put("name", side.name());
		body.put("arguments", side.arguments());
		body.put("outcome", side.outcome());
		body.put("error_type", side.errorType());
		body.put("result_excerpt", side.resultExcerpt());
		return body;
	}

	private static Map<String, Object> outcome(ReplayedOutcome outcome) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("outcome", outcome.outcome());
		body.put("error_type", outcome.errorType());
		body.put("result_excerpt", outcome.resultExcerpt());
		return body;
	}

	private static Map<String, Object> trip(GuardTrip trip) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("guard", trip.guard());
		body.put("rule", trip.rule());
		body.put("tool", trip.tool());
		body.put("count", trip.count());
		body.put("arguments", trip.arguments());
		body.put("action", trip.action());
		body.put("reason", trip.reason());
		return body;
	}

	private static Map<String, Object> flag(Flag flag) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("kind", flag.kind());
		body.put("value", flag.value());
		body.put("reason", flag.reason());
		return body;
	}

	private static @Nullable String text(@Nullable Instant instant) {
		return (instant != null) ? instant.toString() : null;
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	static String describe(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds % 86_400 == 0) {
			return (seconds / 86_400) + "d";
		}
		if (seconds % 3600 == 0) {
			return (seconds / 3600) + "h";
		}
		if (seconds % 60 == 0) {
			return (seconds / 60) + "m";
		}
		return seconds + "s";
	}

	/** A conversation as the console and the endpoint list it. */
	static Map<String, Object> session(io.github.vigil.store.SessionSummary session) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("memory_id", session.memoryId());
		json.put("user_id", session.userId());
		json.put("runs", session.runs());
		json.put("failed", session.failed());
		json.put("first_at", text(session.firstAt()));
		json.put("last_at", text(session.lastAt()));
		json.put("tokens", session.tokens());
		json.put("cost", session.cost());
		return json;
	}

	/** What one agent, model or user cost. */
	static Map<String, Object> cost(io.github.vigil.store.CostShare share) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("key", share.key());
		json.put("cost", share.cost());
		json.put("currency", share.currency());
		json.put("runs", share.runs());
		return json;
	}

	private static final java.util.regex.Pattern TITLE = java.util.regex.Pattern
		.compile("<title[^>]*>(.*?)</title>", java.util.regex.Pattern.CASE_INSENSITIVE | java.util.regex.Pattern.DOTALL);

	private static final java.util.regex.Pattern TAG = java.util.regex.Pattern.compile("<[^>]*>");

	/**
	 * An error as people read it: an HTML page by its title, other markup without its tags, in one short line.
	 * @param message the stored message
	 * @return the excerpt, {@code null} for {@code null}
	 */
	static @Nullable String readable(@Nullable String message) {
		if (message == null) {
			return null;
		}
		java.util.regex.Matcher title = TITLE.matcher(message);
		String text;
		if (title.find()) {
			int page = message.indexOf('<');
			String before = (page > 0) ? message.substring(0, page).strip() : "";
			text = (before.isEmpty() ? "HTML page" : before) + " \u201c" + title.group(1).strip() + "\u201d";
		}
		else {
			text = TAG.matcher(message).replaceAll(" ");
		}
		text = text.replaceAll("\\s+", " ").strip();
		return (text.length() <= 160) ? text : text.substring(0, 159) + "\u2026";
	}

}
