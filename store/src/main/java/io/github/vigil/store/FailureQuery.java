package io.github.vigil.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which failing tool calls to list: one tool's, newest first, optionally narrowed.
 *
 * @param tool the tool
 * @param since earliest call kept (inclusive), {@code null} for no bound
 * @param until latest call kept (exclusive), {@code null} for no bound
 * @param userId only this user's calls, {@code null} for all
 * @param errorType only this error type, {@code null} for all
 * @param agent only this agent's calls, {@code null} for all
 * @param limit at most this many, from 1 to {@value #MAX_LIMIT}
 * @author Vigil contributors
 * @since 0.1.0
 */
public record FailureQuery(String tool, @Nullable Instant since, @Nullable Instant until, @Nullable String userId,
		@Nullable String errorType, @Nullable String agent, int limit, String kind) {

	/** Failures listed when no limit is given. */
	public static final int DEFAULT_LIMIT = 50;

	/** The most failures one query lists. */
	public static final int MAX_LIMIT = 1000;

	public FailureQuery {
		if (tool == null || tool.isBlank()) {
			throw new IllegalArgumentException("tool must not be blank");
		}
		if (kind == null || kind.isBlank()) {
			throw new IllegalArgumentException("kind must not be blank");
		}
		if (limit < 1 || limit > MAX_LIMIT) {
			throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
		}
		if (since != null && until != null && !since.isBefore(until)) {
			throw new IllegalArgumentException("since (" + since + ") must be before until (" + until + ")");
		}
	}

	/**
	 * Creates a query of a tool's failures.
	 * @param tool the tool
	 * @param since from this time, {@code null} for any
	 * @param until before this time, {@code null} for any
	 * @param userId only this user's, {@code null} for any
	 * @param errorType only this error type, {@code null} for any
	 * @param agent only this agent's, {@code null} for any
	 * @param limit at most this many
	 */
	public FailureQuery(String tool, @Nullable Instant since, @Nullable Instant until, @Nullable String userId,
			@Nullable String errorType, @Nullable String agent, int limit) {
		this(tool, since, until, userId, errorType, agent, limit, StoredStep.TOOL);
	}

	/**
	 * Lists the last {@value #DEFAULT_LIMIT} failures of a tool.
	 * @param tool the tool
	 * @return the query
	 */
	public static FailureQuery of(String tool) {
		return new FailureQuery(tool, null, null, null, null, null, DEFAULT_LIMIT, StoredStep.TOOL);
	}

	/**
	 * Returns whether a failing step of a run matches.
	 * @param run the run
	 * @param step the failing tool call
	 * @param at when it started
	 * @return whether it matches
	 */
	boolean matches(StoredRun run, StoredStep step, Instant at) {
		return this.kind.equals(step.kind()) && step.failed() && this.tool.equals(step.name())
				&& (this.since == null || !at.isBefore(this.since)) && (this.until == null || at.isBefore(this.until))
				&& (this.userId == null || this.userId.equals(run.userId()))
				&& (this.errorType == null || this.errorType.equals(step.errorType()))
				&& (this.agent == null || this.agent.equals(run.agent()));
	}

}
