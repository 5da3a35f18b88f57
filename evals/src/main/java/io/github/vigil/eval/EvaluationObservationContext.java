package io.github.vigil.eval;

import io.github.vigil.metrics.MeteredByVigil;
import io.micrometer.observation.Observation;

/**
 * The context of an evaluation observation: one score given to a finished run, traced as a child of the run's span
 * with a {@code gen_ai.evaluation.result} event. Vigil's meter handler claims it, so no timer is derived from it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class EvaluationObservationContext extends Observation.Context implements MeteredByVigil {

	private final String scorer;

	private final Score score;

	EvaluationObservationContext(String scorer, Score score) {
		this.scorer = scorer;
		this.score = score;
	}

	/**
	 * Returns the scorer.
	 * @return its name
	 */
	public String scorer() {
		return this.scorer;
	}

	/**
	 * Returns the score.
	 * @return the score
	 */
	public Score score() {
		return this.score;
	}

}
