package io.github.vigil.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.StoredStep;
import org.jspecify.annotations.Nullable;

/**
 * What a scorer scores: a finished run and, when the business has told, whether the user's issue was resolved.
 *
 * @param run the run
 * @param resolved the ground truth: {@code true} resolved without a human, {@code false} a human was needed,
 * {@code null} not known
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ScoredRun(RunRecord run, @Nullable Boolean resolved) {

	public ScoredRun {
		Objects.requireNonNull(run, "run must not be null");
	}

	/**
	 * Returns a stored run as a scorer sees it. Its content is what the store kept (truncated and redacted unless
	 * the store keeps it whole); its tool calls are its tool steps.
	 * @param run the stored run
	 * @param resolved the ground truth, {@code null} when not known
	 * @return the run to score
	 */
	public static ScoredRun of(StoredRun run, @Nullable Boolean resolved) {
		List<ToolCallRecord> tools = new ArrayList<>();
		int modelCalls = 0;
		for (StoredStep step : run.steps()) {
			if (step.isTool()) {
				tools.add(new ToolCallRecord(step.name(), step.arguments(), !step.failed(),
						step.durationMicros() * 1000, step.errorType(), step.errorMessage()));
			}
			else {
				modelCalls++;
			}
		}
		RunOutcome outcome = switch (run.outcome()) {
			case "killed" -> RunOutcome.KILLED;
			case "error" -> RunOutcome.ERROR;
			default -> RunOutcome.COMPLETED;
		};
		GroundingOutcome grounding = run.flags().isEmpty() ? null
				: new GroundingOutcome(run.flags(), "flagged", List.of(), run.output());
		RunRecord.Builder record = RunRecord.builder(run.runId(), run.agent())
			.timestamp(run.startedAt())
			.user(run.userId(), run.memoryId())
			.content(run.input(), run.output())
			.toolCalls(tools)
			.tokens(run.inputTokens(), run.outputTokens(), 0, 0)
			.modelCalls(modelCalls)
			.durationNanos(Duration.between(run.startedAt(), run.endedAt()).toNanos())
			.ending(outcome, run.errorType(), run.errorMessage())
			.guardTrips(run.guardTrips());
		if (grounding != null) {
			record.fact(grounding);
		}
		return new ScoredRun(record.build(), resolved);
	}

}
