package io.github.vigil.store;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A stored run run again: the same user message through the same AI service, step by step beside the original.
 *
 * @param runId the original run
 * @param replayRunId the replay's own run id
 * @param tools {@code recorded} (tool results served from the store) or {@code live}
 * @param inputExact whether the stored user message is whole (not truncated and not redacted)
 * @param recordedOutput the original answer
 * @param replayedOutput the replay's answer, {@code null} when it failed
 * @param replayedError the replay's failure, {@code null} when it answered
 * @param steps the steps of both, paired by position
 * @param recordedOutcome the original run's outcome
 * @param recordedErrorType the original run's error type, {@code null} when it completed
 * @param replayedOutcome the replay's outcome: {@code completed}, {@code error} or {@code killed}
 * @param replayedErrorType the replay's error type, {@code null} when it completed
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RunReplay(String runId, @Nullable String replayRunId, String tools, boolean inputExact,
		@Nullable String recordedOutput, @Nullable String replayedOutput, @Nullable String replayedError,
		List<Pair> steps, String recordedOutcome, @Nullable String recordedErrorType, String replayedOutcome,
		@Nullable String replayedErrorType) {

	public RunReplay {
		steps = List.copyOf(steps);
	}

	/**
	 * One position of the comparison.
	 *
	 * @param index the position
	 * @param recorded the original step there, {@code null} when the replay took more steps
	 * @param replayed the replay's step there, {@code null} when it took fewer
	 * @param same whether both are the same kind and name with the same outcome and error type
	 */
	public record Pair(int index, @Nullable Side recorded, @Nullable Side replayed, boolean same) {
	}

	/**
	 * One step as the comparison shows it.
	 *
	 * @param kind {@code model} or {@code tool}
	 * @param name the tool, or the requested model
	 * @param arguments a tool call's arguments
	 * @param outcome {@code success} or {@code error}
	 * @param errorType bounded error type
	 * @param resultExcerpt the start of a tool call's result
	 */
	public record Side(String kind, String name, @Nullable String arguments, String outcome,
			@Nullable String errorType, @Nullable String resultExcerpt) {
	}

}
