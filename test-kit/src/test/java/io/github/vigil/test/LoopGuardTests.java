package io.github.vigil.test;

import java.util.Map;

import io.github.vigil.guard.LoopGuard;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.GuardAction;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The loop guard alone, through the test kit: it ends a run that calls a tool the same way too often, or one tool
 * too often, and lets every other run go on.
 */
class LoopGuardTests {

	private final MiddlewareTester tester = MiddlewareTester.of(new LoopGuard(LoopPolicy.defaults()));

	@Test
	void theThirdIdenticalCallEndsTheRunGracefullyAndIsNotExecuted() {
		FakeRun run = this.tester.start();

		assertThat(this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}").executed()).isTrue();
		assertThat(this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}").executed()).isTrue();
		MiddlewareTester.ToolCallOutcome third = this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");

		assertThat(third.executed()).isFalse();
		assertThat(run.endedBy().guard()).isEqualTo("loop");
		assertThat(run.endedBy().rule()).isEqualTo("identical-calls");
		assertThat(run.endedBy().action()).isEqualTo("ended");
		assertThat(this.tester.modelCall(run, "and?", "never asked", 1, 1).text()).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
	}

	@Test
	void callsWithDifferentArgumentsEndTheRunAtTheToolsThreshold() {
		FakeRun run = this.tester.start();

		this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");
		this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-2\"}", "{}");
		assertThat(run.ended()).isFalse();
		this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-3\"}", "{}");

		assertThat(run.endedBy().rule()).isEqualTo("calls-per-tool");
		LoopGuard lenient = new LoopGuard(new LoopPolicy(true, 3, Map.of("lookupOrder", 10), 3, GuardAction.END,
				"stopped"));
		MiddlewareTester perTool = MiddlewareTester.of(lenient);
		FakeRun allowed = perTool.start();
		for (int i = 0; i < 5; i++) {
			perTool.toolCall(allowed, "lookupOrder", "{\"id\":\"ORD-" + i + "\"}", "{}");
		}
		assertThat(allowed.ended()).as("a tool's own threshold").isFalse();
	}

	@Test
	void aRunWhoseMethodCannotAnswerWithTextIsEndedWithAnError() {
		FakeRun run = this.tester.start(FakeRun.builder().notGraceful().build());

		for (int i = 0; i < 3; i++) {
			this.tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");
		}

		assertThat(run.endedBy().action()).isEqualTo("error");
		assertThat(this.tester.modelCall(run, "and?", "never asked", 1, 1).killed()).isTrue();
	}

	@Test
	void aLoopSpreadOverAWorkflowsSubAgentsIsOneLoop() {
		FakeRun workflow = this.tester.start(FakeRun.builder().agent("support").build());
		FakeRun triage = this.tester.start(FakeRun.builder().agent("triage").nestedIn(workflow).build());
		FakeRun orders = this.tester.start(FakeRun.builder().agent("orders").nestedIn(workflow).build());

		this.tester.toolCall(triage, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");
		this.tester.toolCall(orders, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");
		this.tester.toolCall(orders, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");

		assertThat(workflow.endedBy().guard()).isEqualTo("loop");
	}

}
