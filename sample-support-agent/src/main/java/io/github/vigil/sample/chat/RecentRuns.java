package io.github.vigil.sample.chat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.cost.RunCost;
import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * The last runs the chat page served, by run id, as Vigil recorded them: the chat API returns each turn's run with
 * its reply (tool calls with outcome and latency, flags, guard trips, tokens), redacted like the run log.
 */
@Component
class RecentRuns implements RunSink {

	private static final int KEPT = 500;

	private final ContentRedactor redactor = new ContentRedactor(200, true);

	private final Map<String, RunRecord> runs = new LinkedHashMap<>(64, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, RunRecord> eldest) {
			return size() > KEPT;
		}
	};

	@Override
	public synchronized void accept(RunRecord run) {
		this.runs.put(run.runId(), run);
	}

	/**
	 * Returns what the chat page shows of a run.
	 * @param runId the run id
	 * @return the run's facts, {@code null} when not seen
	 */
	synchronized @Nullable Map<String, Object> describe(String runId) {
		RunRecord run = this.runs.get(runId);
		if (run == null) {
			return null;
		}
		List<Map<String, Object>> tools = new ArrayList<>();
		for (ToolCallRecord call : run.toolCalls()) {
			Map<String, Object> tool = new LinkedHashMap<>();
			tool.put("tool", call.tool());
			tool.put("success", call.success());
			tool.put("latency_ms", call.latencyNanos() / 1_000_000.0);
			tool.put("error", call.errorType());
			tools.add(tool);
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("outcome", run.outcome().value());
		body.put("tokens", run.totalTokens());
		RunCost cost = run.fact(RunCost.class);
		body.put("cost", (cost != null) ? cost.amount() : null);
		body.put("currency", (cost != null) ? cost.currency() : null);
		body.put("tool_calls", tools);
		GroundingOutcome grounding = run.fact(GroundingOutcome.class);
		body.put("flags", (grounding != null) ? grounding.flags().stream()
			.map((flag) -> Map.of("kind", flag.kind(), "value", String.valueOf(this.redactor.apply(flag.value()))))
			.toList() : List.of());
		body.put("guard_trips", run.guardTrips().stream()
			.map((trip) -> Map.of("guard", trip.guard(), "action", trip.action(), "reason", trip.reason()))
			.toList());
		body.put("agent", run.agent());
		body.put("agents", run.agents().stream()
			.map((agent) -> Map.of("name", agent.name(), "tokens", agent.tokens(), "model_calls", agent.modelCalls(),
					"tool_calls", agent.toolCalls(), "outcome", agent.outcome()))
			.toList());
		return body;
	}

}
