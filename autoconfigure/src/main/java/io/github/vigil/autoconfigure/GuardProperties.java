package io.github.vigil.autoconfigure;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.ContextAction;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.GuardAction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Guards that act on runs while they run.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.guard")
public class GuardProperties {

	private static final LoopPolicy LOOP = LoopPolicy.defaults();

	private static final BudgetPolicy BUDGET = BudgetPolicy.defaults();

	private static final ContextWindowPolicy CONTEXT_WINDOW = ContextWindowPolicy.defaults();

	private final Loop loop = new Loop();

	private final Budget budget = new Budget();

	private final ContextWindow contextWindow = new ContextWindow();

	public Loop getLoop() {
		return this.loop;
	}

	public Budget getBudget() {
		return this.budget;
	}

	public ContextWindow getContextWindow() {
		return this.contextWindow;
	}

	/**
	 * The loop kill-switch.
	 */
	public static class Loop {

		/**
		 * Whether the loop kill-switch is on.
		 */
		private boolean enabled = LOOP.enabled();

		/**
		 * Number of requests for one tool in one run at which the request is not executed and the run ends.
		 */
		private int sameToolThreshold = LOOP.sameToolThreshold();

		/**
		 * Per-tool overrides of the same-tool threshold, by tool name, for tools that legitimately run several
		 * times in a run.
		 */
		private Map<String, Integer> toolThresholds = new LinkedHashMap<>();

		/**
		 * Number of identical requests (same tool, same arguments) in one run at which the run ends, whatever the
		 * per-tool threshold.
		 */
		private int identicalCallThreshold = LOOP.identicalCallThreshold();

		/**
		 * What the caller gets when the run ends: "end" returns the message as the AI service's answer for
		 * methods returning String, Result<String> or TokenStream (others behave as "error"); "error" throws
		 * RunKilledException.
		 */
		private GuardAction action = LOOP.action();

		/**
		 * Graceful answer returned when a loop ends the run.
		 */
		private String message = LOOP.message();

		/**
		 * In a multi-agent workflow, whether tool requests are counted per sub-agent invocation instead of across the
		 * whole workflow.
		 */
		private boolean perAgent = LOOP.perAgent();

		public boolean isPerAgent() {
			return this.perAgent;
		}

		public void setPerAgent(boolean perAgent) {
			this.perAgent = perAgent;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getSameToolThreshold() {
			return this.sameToolThreshold;
		}

		public void setSameToolThreshold(int sameToolThreshold) {
			this.sameToolThreshold = sameToolThreshold;
		}

		public Map<String, Integer> getToolThresholds() {
			return this.toolThresholds;
		}

		public void setToolThresholds(Map<String, Integer> toolThresholds) {
			this.toolThresholds = toolThresholds;
		}

		public int getIdenticalCallThreshold() {
			return this.identicalCallThreshold;
		}

		public void setIdenticalCallThreshold(int identicalCallThreshold) {
			this.identicalCallThreshold = identicalCallThreshold;
		}

		public GuardAction getAction() {
			return this.action;
		}

		public void setAction(GuardAction action) {
			this.action = action;
		}

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		LoopPolicy toPolicy() {
			return new LoopPolicy(this.enabled, this.sameToolThreshold, this.toolThresholds,
					this.identicalCallThreshold, this.action, this.message, this.perAgent);
		}

	}

	/**
	 * Run budgets and the learned token baseline.
	 */
	public static class Budget {

		/**
		 * Model calls a run may make; the next one ends the run.
		 */
		private int maxModelCalls = BUDGET.maxModelCalls();

		/**
		 * Tool calls a run may make; the next one is not executed and the run ends.
		 */
		private int maxToolCalls = BUDGET.maxToolCalls();

		/**
		 * Tokens a run may use before its next model call is refused and the run ends. 0 turns the cap off.
		 */
		private long maxTokens = BUDGET.maxTokens();

		/**
		 * What the caller gets when a budget ends the run: "end" or "error", as for the loop kill-switch.
		 */
		private GuardAction action = BUDGET.action();

		/**
		 * Graceful answer returned when a budget ends the run.
		 */
		private String message = BUDGET.message();

		/**
		 * Completed runs of an agent needed before its token baseline (p95 of total tokens per run) is used.
		 */
		private int baselineMinRuns = BUDGET.baselineMinRuns();

		/**
		 * Number of an agent's most recent completed runs the token baseline is taken over.
		 */
		private int baselineWindow = BUDGET.baselineWindow();

		/**
		 * How many times its agent's p95 baseline a run may use before the baseline guard trips.
		 */
		private double baselineMultiplier = BUDGET.baselineMultiplier();

		/**
		 * What happens when a run passes the baseline: "warn" records and logs it and lets the run go on, "end"
		 * and "error" end it.
		 */
		private GuardAction baselineAction = BUDGET.baselineAction();

		/**
		 * What a run may cost, in vigil.cost.currency; the run ends (with the budget's action) before its next
		 * model call once its priced calls cost this much. Unset for no cap.
		 */
		private @Nullable BigDecimal maxCost = BUDGET.maxCost();

		public @Nullable BigDecimal getMaxCost() {
			return this.maxCost;
		}

		public void setMaxCost(@Nullable BigDecimal maxCost) {
			this.maxCost = maxCost;
		}

		public int getMaxModelCalls() {
			return this.maxModelCalls;
		}

		public void setMaxModelCalls(int maxModelCalls) {
			this.maxModelCalls = maxModelCalls;
		}

		public int getMaxToolCalls() {
			return this.maxToolCalls;
		}

		public void setMaxToolCalls(int maxToolCalls) {
			this.maxToolCalls = maxToolCalls;
		}

		public long getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(long maxTokens) {
			this.maxTokens = maxTokens;
		}

		public GuardAction getAction() {
			return this.action;
		}

		public void setAction(GuardAction action) {
			this.action = action;
		}

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		public int getBaselineMinRuns() {
			return this.baselineMinRuns;
		}

		public void setBaselineMinRuns(int baselineMinRuns) {
			this.baselineMinRuns = baselineMinRuns;
		}

		public int getBaselineWindow() {
			return this.baselineWindow;
		}

		public void setBaselineWindow(int baselineWindow) {
			this.baselineWindow = baselineWindow;
		}

		public double getBaselineMultiplier() {
			return this.baselineMultiplier;
		}

		public void setBaselineMultiplier(double baselineMultiplier) {
			this.baselineMultiplier = baselineMultiplier;
		}

		public GuardAction getBaselineAction() {
			return this.baselineAction;
		}

		public void setBaselineAction(GuardAction baselineAction) {
			this.baselineAction = baselineAction;
		}

		BudgetPolicy toPolicy() {
			return new BudgetPolicy(this.maxModelCalls, this.maxToolCalls, this.maxTokens, this.action, this.message,
					this.baselineMinRuns, this.baselineWindow, this.baselineMultiplier, this.baselineAction)
				.withMaxCost(positiveOrFail("vigil.guard.budget.max-cost", this.maxCost));
		}

		private static @Nullable BigDecimal positiveOrFail(String property, @Nullable BigDecimal value) {
			if (value != null && value.signum() <= 0) {
				throw new IllegalStateException(property + " must be positive (leave it unset for no cap), was "
						+ value.toPlainString());
			}
			return value;
		}

	}

	/**
	 * The context-window guard.
	 */
	public static class ContextWindow {

		/**
		 * Whether the context-window guard is on.
		 */
		private boolean enabled = CONTEXT_WINDOW.enabled();

		/**
		 * Share of the model's context window a request may use before the guard acts, between 0 and 1.
		 */
		private double threshold = CONTEXT_WINDOW.threshold();

		/**
		 * Context windows in tokens by model name; a name also matches models whose name starts with it. Takes
		 * precedence over the built-in table.
		 */
		private Map<String, Integer> windows = new LinkedHashMap<>();

		/**
		 * Context window in tokens of models neither "windows" nor the built-in table knows.
		 */
		private int defaultWindow = CONTEXT_WINDOW.defaultWindow();

		/**
		 * What the guard does at the threshold: "summarize" replaces the oldest part of the conversation in chat
		 * memory with a summary (trimming if that fails), "trim" drops the oldest messages, "warn" only records.
		 */
		private ContextAction action = CONTEXT_WINDOW.action();

		/**
		 * Number of most recent messages a summary never replaces.
		 */
		private int keepRecentMessages = CONTEXT_WINDOW.keepRecentMessages();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public Map<String, Integer> getWindows() {
			return this.windows;
		}

		public void setWindows(Map<String, Integer> windows) {
			this.windows = windows;
		}

		public int getDefaultWindow() {
			return this.defaultWindow;
		}

		public void setDefaultWindow(int defaultWindow) {
			this.defaultWindow = defaultWindow;
		}

		public ContextAction getAction() {
			return this.action;
		}

		public void setAction(ContextAction action) {
			this.action = action;
		}

		public int getKeepRecentMessages() {
			return this.keepRecentMessages;
		}

		public void setKeepRecentMessages(int keepRecentMessages) {
			this.keepRecentMessages = keepRecentMessages;
		}

		ContextWindowPolicy toPolicy() {
			return new ContextWindowPolicy(this.enabled, this.threshold, this.windows, this.defaultWindow, this.action,
					this.keepRecentMessages);
		}

	}

}
