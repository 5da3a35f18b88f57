package io.github.vigil.guard;

import java.math.BigDecimal;
import java.util.Objects;

import io.github.vigil.run.GuardAction;
import org.jspecify.annotations.Nullable;

/**
 * Run budgets: hard caps on model calls, tool calls and tokens per run, and a learned baseline: the p95 of total
 * tokens over an agent's recent completed runs, which a run may not pass by more than {@code baselineMultiplier}.
 *
 * @param maxModelCalls model calls a run may make
 * @param maxToolCalls tool calls a run may make
 * @param maxTokens tokens a run may use, {@code 0} for no cap
 * @param action what the caller gets when a cap is hit
 * @param message the graceful answer for {@link GuardAction#END}
 * @param baselineMinRuns completed runs of an agent needed before its baseline is used
 * @param baselineWindow how many recent completed runs the baseline is taken over
 * @param baselineMultiplier how many times the baseline a run may use before the guard trips
 * @param baselineAction what happens when a run passes the baseline ({@link GuardAction#WARN} by default)
 * @param maxCost what a run may cost, in the price table's currency, {@code null} for no cap; a run's cost is what
 * its priced model calls cost, so calls of unpriced models or without usage never trip it
 * @author Vigil contributors
 * @since 0.1.0
 */
public record BudgetPolicy(int maxModelCalls, int maxToolCalls, long maxTokens, GuardAction action, String message,
		int baselineMinRuns, int baselineWindow, double baselineMultiplier, GuardAction baselineAction,
		@Nullable BigDecimal maxCost) {

	public BudgetPolicy {
		if (maxCost != null && maxCost.signum() <= 0) {
			throw new IllegalArgumentException("maxCost must be positive (or null for no cap), was " + maxCost);
		}
		if (maxModelCalls < 1 || maxToolCalls < 0 || maxTokens < 0) {
			throw new IllegalArgumentException("budgets must be positive (maxTokens 0 turns it off): maxModelCalls="
					+ maxModelCalls + ", maxToolCalls=" + maxToolCalls + ", maxTokens=" + maxTokens);
		}
		if (baselineMinRuns < 1 || baselineWindow < baselineMinRuns) {
			throw new IllegalArgumentException("baselineWindow (" + baselineWindow
					+ ") must be at least baselineMinRuns (" + baselineMinRuns + "), which must be positive");
		}
		if (!(baselineMultiplier > 1.0)) {
			throw new IllegalArgumentException("baselineMultiplier must be greater than 1, was " + baselineMultiplier);
		}
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(message, "message must not be null");
		Objects.requireNonNull(baselineAction, "baselineAction must not be null");
	}

	/**
	 * Creates a policy without a cap in money.
	 * @param maxModelCalls model calls a run may make
	 * @param maxToolCalls tool calls a run may make
	 * @param maxTokens tokens a run may use, {@code 0} for no cap
	 * @param action what the caller gets when a cap is hit
	 * @param message the graceful answer for {@link GuardAction#END}
	 * @param baselineMinRuns completed runs of an agent needed before its baseline is used
	 * @param baselineWindow how many recent completed runs the baseline is taken over
	 * @param baselineMultiplier how many times the baseline a run may use before the guard trips
	 * @param baselineAction what happens when a run passes the baseline
	 */
	public BudgetPolicy(int maxModelCalls, int maxToolCalls, long maxTokens, GuardAction action, String message,
			int baselineMinRuns, int baselineWindow, double baselineMultiplier, GuardAction baselineAction) {
		this(maxModelCalls, maxToolCalls, maxTokens, action, message, baselineMinRuns, baselineWindow,
				baselineMultiplier, baselineAction, null);
	}

	/**
	 * Returns this policy with a cap in money.
	 * @param maxCost what a run may cost, {@code null} for no cap
	 * @return the policy
	 */
	public BudgetPolicy withMaxCost(@Nullable BigDecimal maxCost) {
		return new BudgetPolicy(this.maxModelCalls, this.maxToolCalls, this.maxTokens, this.action, this.message,
				this.baselineMinRuns, this.baselineWindow, this.baselineMultiplier, this.baselineAction, maxCost);
	}

	/**
	 * Returns the defaults: 25 model calls, 50 tool calls, no token cap, a baseline over the last 1,000 completed
	 * runs once there are 50, tripping at 3 times its p95 with a warning.
	 * @return the default policy
	 */
	public static BudgetPolicy defaults() {
		return new BudgetPolicy(25, 50, 0, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE, 50, 1000, 3.0,
				GuardAction.WARN);
	}

}
