package io.github.vigil.guard;

/**
 * The names of the built-in guards and rules, as they appear in guard decisions ({@code guard_trips[].guard}), the
 * {@code guard} tag of {@code vigil.guard.trips} and the guard log.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class GuardNames {

	/** Guard name of the loop kill-switch. */
	public static final String LOOP = "loop";

	/** Guard name of the run budgets. */
	public static final String BUDGET = "budget";

	/** Guard name of the context-window guard. */
	public static final String CONTEXT_WINDOW = "context-window";

	/** Rule of the budget guard that compares a run's tokens with the agent's learned p95. */
	public static final String TOKEN_BASELINE = "token-baseline";

	private GuardNames() {
	}

}
