package io.github.vigil.guard;

import org.jspecify.annotations.Nullable;

/**
 * One guard decision in a run, as the run log's {@code guard_trips} shows it.
 *
 * @param guard {@code loop}, {@code budget} or {@code context-window}
 * @param tool the tool the decision is about, {@code null} when it is about the run
 * @param count the count that tripped the guard: calls of the tool, identical calls, model calls, tokens, or the
 * context-window utilization in percent
 * @param arguments the tool call's arguments, {@code null} when not about a tool call
 * @param action the action taken: {@code ended}, {@code error}, {@code warned}, {@code summarized} or
 * {@code trimmed}
 * @param reason a short, user-safe description of the pattern
 * @author Vigil contributors
 * @since 0.1.0
 */
public record GuardTrip(String guard, @Nullable String tool, long count, @Nullable String arguments, String action,
		String reason) {

	/** Guard name of the loop kill-switch. */
	public static final String LOOP = "loop";

	/** Guard name of the run budgets. */
	public static final String BUDGET = "budget";

	/** Guard name of the context-window guard. */
	public static final String CONTEXT_WINDOW = "context-window";

}
