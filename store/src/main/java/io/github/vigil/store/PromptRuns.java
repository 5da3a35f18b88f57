package io.github.vigil.store;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One version of an agent's prompt over a range: its runs, how many failed, when it was first and last used, and the
 * mean score each scorer gave its runs, so a prompt change is judged by what it did.
 *
 * @param name the prompt's name, {@code null} when it has none
 * @param version the prompt's version
 * @param runs runs that used it in the range
 * @param failed those that did not complete
 * @param firstSeen its first run in the range
 * @param lastSeen its last run in the range
 * @param meanScores each scorer's mean score of its runs, by scorer; empty when none was scored
 * @author Vigil contributors
 * @since 0.1.0
 */
public record PromptRuns(@Nullable String name, String version, long runs, long failed, Instant firstSeen,
		Instant lastSeen, Map<String, Double> meanScores) {

	public PromptRuns {
		meanScores = Map.copyOf(meanScores);
	}

	/**
	 * Returns the share of its runs that did not complete.
	 * @return the failure rate, 0 without runs
	 */
	public double failureRate() {
		return (this.runs > 0) ? (double) this.failed / this.runs : 0;
	}

	/**
	 * Returns this version with the scorers' means.
	 * @param means each scorer's mean score
	 * @return the version with them
	 */
	public PromptRuns withMeanScores(Map<String, Double> means) {
		return new PromptRuns(this.name, this.version, this.runs, this.failed, this.firstSeen, this.lastSeen, means);
	}

}
