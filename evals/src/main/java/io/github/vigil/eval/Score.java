package io.github.vigil.eval;

import org.jspecify.annotations.Nullable;

/**
 * What a scorer says of one run: a value in [0, 1], with an optional label and explanation.
 *
 * @param value the score, 1 best
 * @param label a word for it, bounded, such as {@code resolved} or {@code escalated}; {@code null} for none
 * @param explanation why, in a sentence; {@code null} for none
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Score(double value, @Nullable String label, @Nullable String explanation) {

	public Score {
		if (!(value >= 0 && value <= 1)) {
			throw new IllegalArgumentException("a score must be in [0, 1], was " + value);
		}
	}

	/**
	 * Returns a score of 1 or 0.
	 * @param passed whether the run passed
	 * @param label the label
	 * @param explanation the explanation
	 * @return the score
	 */
	public static Score of(boolean passed, @Nullable String label, @Nullable String explanation) {
		return new Score(passed ? 1 : 0, label, explanation);
	}

}
