package io.github.vigil.guard;

import java.util.Map;

import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import io.github.vigil.Vigil;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.RunKilledException;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.CountingTools;
import io.github.vigil.support.PlannedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loop kill-switch: an agent stuck calling one tool is stopped, and the caller gets a graceful answer.
 */
class LoopGuardTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final CountingTools tools = new CountingTools();

	interface Agent {

		String chat(String message);

		Result<String> chatResult(String message);

		Order order(String message);

	}

	record Order(String id) {
	}

	private Agent agent(PlannedChatModel model, LoopPolicy policy) {
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).loopPolicy(policy).build();
		return AiServices.builder(Agent.class).chatModel(vigil.observe(model)).tools(this.tools).build();
	}

	@Test
	void theThirdCallOfOneToolIsNotExecutedAndTheRunEndsGracefully() {
		PlannedChatModel model = PlannedChatModel.varyingLoop();

		String answer = agent(model, LoopPolicy.defaults()).chat("Where is my order?");

		assertThat(answer).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(this.tools.executions()).isEqualTo(2);
		assertThat(model.requests()).isEqualTo(3);
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.errorType()).isEqualTo("loop");
		assertThat(run.output()).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(run.toolCalls()).hasSize(2);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.guard()).isEqualTo("loop");
			assertThat(trip.tool()).isEqualTo("lookupOrder");
			assertThat(trip.count()).isEqualTo(3);
			assertThat(trip.arguments()).contains("ORD-3");
			assertThat(trip.action()).isEqualTo("ended");
		});
		assertThat(this.registry.get("vigil.guard.trips")
			.tags("guard", "loop", "action", "ended", "gen_ai.agent.name", "Agent", "gen_ai.tool.name", "lookupOrder")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.invoke_agent.duration")
			.tags("outcome", "killed", "error.type", "loop")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aRaisedPerToolThresholdLetsAThreeOrderQuestionFinish() {
		PlannedChatModel model = PlannedChatModel.threeOrders();
		LoopPolicy policy = new LoopPolicy(true, 3, Map.of("lookupOrder", 5), 3, GuardAction.END,
				LoopPolicy.DEFAULT_MESSAGE);

		String answer = agent(model, policy).chat("Where are orders 1, 2 and 3?");

		assertThat(answer).isEqualTo("Done after 4");
		assertThat(this.tools.executions()).isEqualTo(3);
		assertThat(this.runs.single().outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(this.runs.single().guardTrips()).isEmpty();
	}

	@Test
	void anIdenticalCallLoopEndsDespiteARaisedPerToolThreshold() {
		PlannedChatModel model = PlannedChatModel.identicalLoop();
		LoopPolicy policy = new LoopPolicy(true, 3, Map.of("lookupOrder", 10), 3, GuardAction.END,
				LoopPolicy.DEFAULT_MESSAGE);

		String answer = agent(model, policy).chat("Where is my order?");

		assertThat(answer).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(this.tools.executions()).isEqualTo(2);
		assertThat(this.runs.single().guardTrips()).singleElement()
			.satisfies((trip) -> assertThat(trip.reason()).startsWith("identical call"));
	}

	@Test
	void argumentsSpelledDifferentlyAreStillTheSameCall() {
		assertThat(LoopGuard.fingerprint("lookupOrder", "{\"id\": \"ORD 1\"}"))
			.isEqualTo(LoopGuard.fingerprint("lookupOrder", "{ \"id\":\"ORD 1\" }"))
			.isNotEqualTo(LoopGuard.fingerprint("lookupOrder", "{\"id\":\"ORD1\"}"));
	}

	@Test
	void theErrorActionThrowsTheDocumentedException() {
		PlannedChatModel model = PlannedChatModel.varyingLoop();
		LoopPolicy policy = new LoopPolicy(true, 3, Map.of(), 3, GuardAction.ERROR, "We'll get back to you.");

		assertThatThrownBy(() -> agent(model, policy).chat("Where is my order?"))
			.isInstanceOfSatisfying(RunKilledException.class, (ex) -> {
				assertThat(ex.getRunId()).isEqualTo(this.runs.single().runId());
				assertThat(ex.getUserMessage()).isEqualTo("We'll get back to you.");
				assertThat(ex.getTrip().tool()).isEqualTo("lookupOrder");
				assertThat(ex.getTrip().action()).isEqualTo("error");
			});
		assertThat(this.tools.executions()).isEqualTo(2);
		assertThat(model.requests()).isEqualTo(3);
		assertThat(this.runs.single().outcome()).isEqualTo(RunOutcome.KILLED);
	}

	@Test
	void resultOfStringGetsTheGracefulAnswerToo() {
		Result<String> result = agent(PlannedChatModel.varyingLoop(), LoopPolicy.defaults()).chatResult("Where?");

		assertThat(result.content()).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
	}

	@Test
	void methodsThatCannotReturnAGracefulAnswerGetTheExceptionInstead() {
		assertThatThrownBy(() -> agent(PlannedChatModel.varyingLoop(), LoopPolicy.defaults()).order("Where?"))
			.isInstanceOf(RunKilledException.class);
		assertThat(this.registry.get("vigil.guard.trips").tag("action", "error").counter().count()).isEqualTo(1);
	}

	@Test
	void withTheLoopGuardOffTheModelCallBudgetStillEndsTheRun() {
		LoopPolicy off = new LoopPolicy(false, 3, Map.of(), 3, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE);

		String answer = agent(PlannedChatModel.identicalLoop(), off).chat("Where?");

		assertThat(answer).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(this.tools.executions()).isEqualTo(BudgetPolicy.defaults().maxModelCalls());
		assertThat(this.runs.single().guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.guard()).isEqualTo("budget");
			assertThat(trip.reason()).isEqualTo("more than 25 model calls");
		});
	}

}
