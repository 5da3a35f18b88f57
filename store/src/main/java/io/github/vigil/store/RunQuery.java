package io.github.vigil.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which stored runs to read whole, with their steps: what eval datasets are made of.
 *
 * @param from start (inclusive), by when the runs started
 * @param until end (exclusive)
 * @param agent only this agent's runs, {@code null} for all
 * @param outcome only runs with this outcome ({@code completed}, {@code error}, {@code killed}), {@code null} for all
 * @param limit at most this many, the newest
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RunQuery(Instant from, Instant until, @Nullable String agent, @Nullable String outcome, int limit) {

	/** The most runs one query reads. */
	public static final int MAX_LIMIT = 100_000;

	public RunQuery {
		Objects.requireNonNull(from, "from must not be null");
		Objects.requireNonNull(until, "until must not be null");
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
	}

	/**
	 * Tells whether a run is one the query asks for.
	 * @param run the run
	 * @return whether it matches
	 */
	public boolean matches(StoredRun run) {
		return !run.startedAt().isBefore(this.from) && run.startedAt().isBefore(this.until)
				&& (this.agent == null || this.agent.equals(run.agent()))
				&& (this.outcome == null || this.outcome.equals(run.outcome()));
	}

}
