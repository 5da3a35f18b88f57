package io.github.vigil.eval;

import java.util.Map;

import io.github.vigil.run.RunRecord;
import org.jspecify.annotations.Nullable;

/**
 * One case of an eval, done: the answer, each scorer's score and the run it made.
 *
 * @param evalCase the case
 * @param output the answer the task gave, {@code null} when it threw
 * @param scores each scorer's score, by scorer name; scorers that did not apply or threw are absent
 * @param run the run the task made, as Vigil recorded it; {@code null} when the task ran no observed AI service
 * @param error what the task threw, {@code null} when it answered
 * @param durationNanos how long the case took
 * @author Vigil contributors
 * @since 0.1.0
 */
public record EvalCaseResult(EvalCase evalCase, @Nullable String output, Map<String, Score> scores,
		@Nullable RunRecord run, @Nullable String error, long durationNanos) {

	public EvalCaseResult {
		scores = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
	}

}
