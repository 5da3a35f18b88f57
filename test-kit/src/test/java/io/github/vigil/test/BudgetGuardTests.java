package io.github.vigil.test;

import java.math.BigDecimal;

import io.github.vigil.cost.CallCost;
import io.github.vigil.cost.RunCost;
import io.github.vigil.guard.BudgetGuard;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The budget guard alone, through the test kit: model calls, tool calls, tokens and money are capped per run, and a
 * run far above the agent's learned token baseline is flagged.
 */
class BudgetGuardTests {

	private static BudgetPolicy policy(int maxModelCalls, int maxToolCalls, long maxTokens) {
		return new BudgetPolicy(maxModelCalls, maxToolCalls, maxTokens, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE, 3,
				10, 2.0, GuardAction.WARN);
	}

	@Test
	void theModelCallOverTheCapIsNotMadeAndTheRunEndsGracefully() {
		MiddlewareTester tester = MiddlewareTester.of(new BudgetGuard(policy(2, 50, 0), new SimpleMeterRegistry()));
		FakeRun run = tester.start();

		tester.modelCall(run, "one", "a", 10, 5);
		tester.modelCall(run, "two", "b", 10, 5);
		MiddlewareTester.ModelCallOutcome third = tester.modelCall(run, "three", "c", 10, 5);

		assertThat(third.modelCalled()).isFalse();
		assertThat(third.text()).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(run.endedBy().rule()).isEqualTo("model-calls");
	}

	@Test
	void tokensAndToolCallsAreCappedToo() {
		MiddlewareTester tokens = MiddlewareTester.of(new BudgetGuard(policy(25, 50, 100), new SimpleMeterRegistry()));
		FakeRun heavy = tokens.start();
		tokens.modelCall(heavy, "long", "answer", 90, 20);
		tokens.modelCall(heavy, "again", "answer", 90, 20);
		assertThat(heavy.endedBy().rule()).isEqualTo("tokens");

		MiddlewareTester tools = MiddlewareTester.of(new BudgetGuard(policy(25, 1, 0), new SimpleMeterRegistry()));
		FakeRun busy = tools.start();
		tools.toolCall(busy, "lookupOrder", "{\"id\":\"1\"}", "{}");
		tools.toolCall(busy, "lookupOrder", "{\"id\":\"2\"}", "{}");
		assertThat(busy.endedBy().rule()).isEqualTo("tool-calls");
	}

	@Test
	void theCostTheCostMeterPublishesIsCappedInMoney() {
		RunMiddleware pricing = new RunMiddleware() {
			@Override
			public dev.langchain4j.model.chat.response.ChatResponse afterModelCall(io.github.vigil.run.ModelCall call,
					dev.langchain4j.model.chat.response.ChatResponse response) {
				call.run().fact(RunCost.class, RunCost::new).add(new CallCost(new BigDecimal("0.03"), "USD"));
				return response;
			}
		};
		MiddlewareTester tester = MiddlewareTester.of(
				new BudgetGuard(policy(25, 50, 0).withMaxCost(new BigDecimal("0.05")), new SimpleMeterRegistry()),
				pricing);
		FakeRun run = tester.start();

		tester.modelCall(run, "one", "a", 10, 5);
		tester.modelCall(run, "two", "b", 10, 5);
		tester.modelCall(run, "three", "c", 10, 5);

		assertThat(run.endedBy().rule()).isEqualTo("cost");
		assertThat(run.endedBy().reason()).contains("0.06 USD");
	}

	@Test
	void aRunFarAboveTheLearnedBaselineIsFlaggedOnceAndGoesOn() {
		BudgetGuard guard = new BudgetGuard(policy(25, 50, 0), new SimpleMeterRegistry());
		MiddlewareTester tester = MiddlewareTester.of(guard);
		for (int i = 0; i < 3; i++) {
			FakeRun usual = tester.start();
			tester.modelCall(usual, "hi", "hello", 100, 20);
			tester.end(usual, "hello");
		}
		FakeRun unusual = tester.start();

		tester.modelCall(unusual, "hi", "hello", 300, 20);
		tester.modelCall(unusual, "more", "sure", 10, 5);
		tester.modelCall(unusual, "more", "sure", 10, 5);

		assertThat(unusual.ended()).isFalse();
		assertThat(unusual.trips()).singleElement().satisfies((trip) -> {
			assertThat(trip.rule()).isEqualTo("token-baseline");
			assertThat(trip.action()).isEqualTo("warned");
		});
	}

}
