package io.github.vigil.eval;

import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * One agent's week in the run store: runs, how many have a resolution score, and their mean.
 *
 * @param agent the agent
 * @param week the week's Monday (weeks start on Monday, UTC, by when runs started)
 * @param runs the runs stored
 * @param scored the runs with a resolution score
 * @param resolutionRate the mean resolution score, {@code null} when none was scored
 * @author Vigil contributors
 * @since 0.1.0
 */
public record EvalWeek(String agent, LocalDate week, long runs, long scored, @Nullable Double resolutionRate) {

}
