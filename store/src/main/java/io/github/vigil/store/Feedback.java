package io.github.vigil.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A run's resolution outcome as the business knows it, from its human-handoff data: the ground truth evals score
 * against.
 *
 * @param resolved whether the user's issue was resolved without a human ({@code false}: a human was needed)
 * @param source where the outcome came from, such as {@code handoff-export}; {@code null} when not told
 * @param receivedAt when it was attached to the run
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Feedback(boolean resolved, @Nullable String source, Instant receivedAt) {

	/** Longest source kept, in characters. */
	public static final int MAX_SOURCE = 200;

	public Feedback {
		Objects.requireNonNull(receivedAt, "receivedAt must not be null");
		if (source != null && source.length() > MAX_SOURCE) {
			throw new IllegalArgumentException("source must be at most " + MAX_SOURCE + " characters");
		}
	}

}
