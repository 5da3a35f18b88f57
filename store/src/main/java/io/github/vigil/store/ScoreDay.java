package io.github.vigil.store;

import java.time.LocalDate;

/**
 * One agent's stored runs of one day (UTC, by when they started) and one scorer's scores of them.
 *
 * @param agent the agent
 * @param day the day
 * @param runs the runs stored
 * @param scored how many of them have the scorer's score
 * @param sum the sum of those scores
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ScoreDay(String agent, LocalDate day, long runs, long scored, double sum) {

}
