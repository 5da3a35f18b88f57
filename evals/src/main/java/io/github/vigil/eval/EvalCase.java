package io.github.vigil.eval;

import java.util.Objects;

import io.github.vigil.store.StoredRun;
import org.jspecify.annotations.Nullable;

/**
 * One case of an eval dataset: a user's message to answer again, with what the business knows of how it should end.
 *
 * @param id the case's id: the original run's id when it came from one
 * @param agent the agent that served it
 * @param userId the user, {@code null} when not known
 * @param input the user message
 * @param resolved the ground truth: resolved without a human ({@code true}), needed a human ({@code false}),
 * {@code null} when not known
 * @param original the stored run the case came from, with its steps (the recorded tool results), {@code null} for a
 * case written by hand
 * @author Vigil contributors
 * @since 0.1.0
 */
public record EvalCase(String id, String agent, @Nullable String userId, String input, @Nullable Boolean resolved,
		@Nullable StoredRun original) {

	public EvalCase {
		Objects.requireNonNull(id, "id must not be null");
		Objects.requireNonNull(agent, "agent must not be null");
		Objects.requireNonNull(input, "input must not be null");
	}

	/**
	 * Returns a case written by hand.
	 * @param id its id
	 * @param input the user message
	 * @param resolved the ground truth, {@code null} when not known
	 * @return the case
	 */
	public static EvalCase of(String id, String input, @Nullable Boolean resolved) {
		return new EvalCase(id, "", null, input, resolved, null);
	}

	/**
	 * Returns the answer the original run gave.
	 * @return the answer, {@code null} when not known
	 */
	public @Nullable String originalOutput() {
		return (this.original != null) ? this.original.output() : null;
	}

}
