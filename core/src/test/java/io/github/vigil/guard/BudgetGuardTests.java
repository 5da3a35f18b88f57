package io.github.vigil.guard;

import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.CountingTools;
import io.github.vigil.support.PlannedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Run budgets: hard caps, and a baseline learned from the agent's own completed runs.
 */
class BudgetGuardTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	interface Agent {

		String chat(String message);

	}

	private Agent agent(Vigil vigil, PlannedChatModel model) {
		return AiServices.builder(Agent.class).chatModel(vigil.observe(model)).tools(new CountingTools()).build();
	}

	private static LoopPolicy generousLoops() {
		return new LoopPolicy(true, 1000, java.util.Map.of(), 1000, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE);
	}

	@Test
	void aRunPastMaxTokensEnds() {
		BudgetPolicy budget = new BudgetPolicy(100, 100, 1_000, GuardAction.END, "Too long, sorry.", 50, 1000, 3.0,
				GuardAction.WARN);
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).loopPolicy(generousLoops()).budgetPolicy(budget)
			.build();

		String answer = agent(vigil, PlannedChatModel.varyingLoop()).chat("Where is my order?");

		assertThat(answer).isEqualTo("Too long, sorry.");
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.errorType()).isEqualTo("budget");
		assertThat(run.totalTokens()).isEqualTo(1_100);
		assertThat(run.modelCalls()).isEqualTo(10);
	}

	@Test
	void aRunPastMaxModelCallsEnds() {
		BudgetPolicy budget = new BudgetPolicy(4, 100, 0, GuardAction.END, "Sorry.", 50, 1000, 3.0, GuardAction.WARN);
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).loopPolicy(generousLoops()).budgetPolicy(budget)
			.build();
		PlannedChatModel model = PlannedChatModel.varyingLoop();

		agent(vigil, model).chat("Where is my order?");

		assertThat(model.requests()).isEqualTo(4);
		assertThat(this.runs.single().guardTrips()).singleElement()
			.satisfies((trip) -> assertThat(trip.reason()).isEqualTo("more than 4 model calls"));
	}

	@Test
	void aRunHeadingTo40kTokensIsCaughtAt6kWhenTheBaselineIs2k() {
		BudgetPolicy budget = new BudgetPolicy(100, 100, 0, GuardAction.END, "Sorry, this took too long.", 50, 1000,
				3.0, GuardAction.END);
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).loopPolicy(generousLoops()).budgetPolicy(budget)
			.build();
		// normal runs: one lookup, then an answer; 2 calls of ~1,000 tokens = ~2,000 tokens per run
		Agent normal = agent(vigil, new PlannedChatModel((n) -> (n == 1) ? PlannedChatModel.lookup("ORD-" + n) : null,
				900, 100));
		for (int i = 0; i < 60; i++) {
			normal.chat("Where is order " + i + "?");
		}
		assertThat(vigil.middleware(BudgetGuard.class).orElseThrow().baselines().p95("Agent")).isEqualTo(2_000);
		assertThat(this.registry.get("vigil.run.tokens.baseline").tag("gen_ai.agent.name", "Agent").gauge().value())
			.isEqualTo(2_000);
		// a runaway: 20 lookups of ~2,000 tokens each would be 40,000 tokens
		Agent runaway = agent(vigil, new PlannedChatModel((n) -> (n <= 20) ? PlannedChatModel.lookup("ORD-" + n)
				: null, 1_800, 200));

		String answer = runaway.chat("Find all my orders");

		assertThat(answer).isEqualTo("Sorry, this took too long.");
		RunRecord run = this.runs.all().get(this.runs.all().size() - 1);
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.totalTokens()).isBetween(6_001L, 8_000L);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.guard()).isEqualTo("budget");
			assertThat(trip.reason()).contains("p95 baseline of 2000");
		});
	}

	@Test
	void theBaselineWarnsByDefaultAndLetsTheRunFinish() {
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).loopPolicy(generousLoops()).build();
		Agent normal = agent(vigil, new PlannedChatModel((n) -> null, 900, 100));
		for (int i = 0; i < 50; i++) {
			normal.chat("Hello " + i);
		}
		Agent chatty = agent(vigil, new PlannedChatModel((n) -> (n <= 5) ? PlannedChatModel.lookup("ORD-" + n) : null,
				900, 100));

		assertThat(chatty.chat("Find all my orders")).isEqualTo("Done after 6");

		RunRecord run = this.runs.all().get(this.runs.all().size() - 1);
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> assertThat(trip.action()).isEqualTo("warned"));
		assertThat(this.registry.get("vigil.guard.trips").tags("guard", "budget", "action", "warned").counter().count())
			.isEqualTo(1);
	}

	@Test
	void noBaselineBeforeEnoughRunsCompleted() {
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();
		Agent normal = agent(vigil, new PlannedChatModel((n) -> null, 900, 100));
		for (int i = 0; i < 49; i++) {
			normal.chat("Hello " + i);
		}

		assertThat(vigil.middleware(BudgetGuard.class).orElseThrow().baselines().p95("Agent")).isNaN();
	}

}
