package io.github.vigil.eval;

import org.jspecify.annotations.Nullable;

/**
 * One scorer's average against the baseline's.
 *
 * @param scorer the scorer
 * @param baseline the baseline's average
 * @param current this eval's average, {@code null} when no case got this scorer's score
 * @param dropPoints how many points the average fell (negative: it rose)
 * @param failed whether it fell by more than the allowed points, or has no average now
 * @author Vigil contributors
 * @since 0.1.0
 */
public record EvalComparison(String scorer, double baseline, @Nullable Double current, double dropPoints,
		boolean failed) {

}
