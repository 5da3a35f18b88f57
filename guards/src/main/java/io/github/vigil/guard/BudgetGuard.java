package io.github.vigil.guard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.cost.RunCost;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCall;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Run budgets: caps on a run's model calls, tool calls and tokens, and a learned token baseline per agent (the p95
 * of its recent completed runs) that a run may not pass by more than the policy's multiplier. Caps end the run;
 * passing the baseline warns by default.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class BudgetGuard implements RunMiddleware {

	private final BudgetPolicy policy;

	private final TokenBaselines baselines;

	private final MeterRegistry registry;

	/**
	 * Creates the guard.
	 * @param policy its policy
	 * @param registry where the learned baselines are published as {@code vigil.run.tokens.baseline}
	 */
	public BudgetGuard(BudgetPolicy policy, MeterRegistry registry) {
		this.policy = policy;
		this.baselines = new TokenBaselines(policy.baselineMinRuns(), policy.baselineWindow());
		this.registry = registry;
	}

	/**
	 * Returns the policy: its caps, and the multiplier of the baseline a run may reach.
	 * @return the policy
	 */
	public BudgetPolicy policy() {
		return this.policy;
	}

	/**
	 * Returns the learned token baselines.
	 * @return the baselines
	 */
	public TokenBaselines baselines() {
		return this.baselines;
	}

	@Override
	public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
		Run run = call.run();
		if (run == null) {
			return null;
		}
		int requests = run.state(Usage.class, Usage::new).toolRequests.incrementAndGet();
		if (requests > this.policy.maxToolCalls()) {
			run.end(new GuardTrip(GuardNames.BUDGET, "tool-calls", call.tool(), requests, call.request().arguments(),
					"", "more than " + this.policy.maxToolCalls() + " tool calls"), this.policy.action(),
					this.policy.message());
		}
		return null;
	}

	@Override
	public @Nullable ChatResponse beforeModelCall(ModelCall call) {
		Run run = call.run();
		if (run == null || call.nested()) {
			return null;
		}
		// a sub-agent's calls count against its workflow's budget
		Run counted = run.workflow();
		long tokens = counted.totalTokens();
		if (counted.modelCalls() >= this.policy.maxModelCalls()) {
			run.end(new GuardTrip(GuardNames.BUDGET, "model-calls", null, counted.modelCalls(), null, "",
					"more than " + this.policy.maxModelCalls() + " model calls"), this.policy.action(),
					this.policy.message());
		}
		else if (this.policy.maxTokens() > 0 && tokens >= this.policy.maxTokens()) {
			run.end(new GuardTrip(GuardNames.BUDGET, "tokens", null, tokens, null, "",
					tokens + " tokens, cap " + this.policy.maxTokens()), this.policy.action(), this.policy.message());
		}
		else if (overCost(counted)) {
			RunCost spent = counted.fact(RunCost.class);
			BigDecimal cost = spent.amount();
			run.end(new GuardTrip(GuardNames.BUDGET, "cost", null,
					cost.movePointRight(6).setScale(0, RoundingMode.HALF_UP).longValueExact(), null, "",
					"cost " + cost.toPlainString() + " " + spent.currency() + ", cap "
							+ this.policy.maxCost().toPlainString()),
					this.policy.action(), this.policy.message());
		}
		else {
			checkBaseline(run, counted.agent(), tokens);
		}
		return null;
	}

	private boolean overCost(Run run) {
		BigDecimal cap = this.policy.maxCost();
		RunCost spent = (cap != null) ? run.fact(RunCost.class) : null;
		BigDecimal cost = (spent != null) ? spent.amount() : null;
		return cap != null && cost != null && cost.compareTo(cap) >= 0;
	}

	private void checkBaseline(Run run, String agent, long tokens) {
		double p95 = this.baselines.p95(agent);
		if (Double.isNaN(p95) || p95 <= 0 || tokens <= this.policy.baselineMultiplier() * p95) {
			return;
		}
		if (!run.state(Usage.class, Usage::new).baselineTripped.compareAndSet(false, true)) {
			return;
		}
		GuardTrip trip = new GuardTrip(GuardNames.BUDGET, GuardNames.TOKEN_BASELINE, null, tokens, null, "",
				tokens + " tokens, " + this.policy.baselineMultiplier() + " x the p95 baseline of " + Math.round(p95));
		if (this.policy.baselineAction() == GuardAction.WARN) {
			run.trip(trip.withAction(GuardAction.WARN.tripValue()));
		}
		else {
			run.end(trip, this.policy.baselineAction(), this.policy.message());
		}
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		if (record.outcome() == RunOutcome.COMPLETED && this.baselines.record(record.agent(), record.totalTokens())) {
			Gauge.builder(MeterNames.RUN_TOKENS_BASELINE, this.baselines, (b) -> b.p95(record.agent()))
				.description("p95 of total tokens over the agent's recent completed runs")
				.baseUnit("tokens")
				.tag(TagKeys.AGENT_NAME, record.agent())
				.register(this.registry);
		}
	}

	/** What a run used of its budgets. */
	private static final class Usage {

		final AtomicInteger toolRequests = new AtomicInteger();

		final AtomicBoolean baselineTripped = new AtomicBoolean();

	}

}
