package io.github.vigil.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One scorer's score of one stored run. A run has at most one score per scorer; a new one replaces it.
 *
 * @param runId the run
 * @param scorer the scorer's name, such as {@code resolution}
 * @param value the score, in [0, 1]
 * @param label a word for it, such as {@code resolved} or {@code escalated}; {@code null} when the scorer has none
 * @param explanation why, in a sentence; {@code null} when the scorer gives none
 * @param agent the run's agent
 * @param runStartedAt when the run started: scores are counted in the run's week, not the scoring's
 * @param scoredAt when it was scored
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RunScore(String runId, String scorer, double value, @Nullable String label,
		@Nullable String explanation, String agent, Instant runStartedAt, Instant scoredAt) {

	public RunScore {
		Objects.requireNonNull(runId, "runId must not be null");
		Objects.requireNonNull(scorer, "scorer must not be null");
		if (!(value >= 0 && value <= 1)) {
			throw new IllegalArgumentException("a score must be in [0, 1], was " + value);
		}
	}

}
