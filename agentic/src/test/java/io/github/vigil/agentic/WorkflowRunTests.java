package io.github.vigil.agentic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.agentic.supervisor.SupervisorAgent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.Vigil;
import io.github.vigil.run.AgentRecord;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.github.vigil.store.Triage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A workflow built with AgenticServices is one run: each sub-agent's invocation is nested in it, every model and
 * tool call is counted once, in one agent, and guards see the whole workflow.
 */
class WorkflowRunTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<RunRecord> runs = new CopyOnWriteArrayList<>();

	private final List<Observation.Context> spans = new CopyOnWriteArrayList<>();

	private final ObservationRegistry observations = ObservationRegistry.create();

	private final Vigil vigil;

	private final Desk.Model model = new Desk.Model();

	private final Desk.OrderTools tools = new Desk.OrderTools();

	WorkflowRunTests() {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				WorkflowRunTests.this.spans.add(context);
			}

		});
		this.vigil = Vigil.builder(this.registry)
			.observationRegistry(this.observations)
			.sink((RunSink) this.runs::add)
			.evalPolicy(io.github.vigil.eval.EvalPolicy.defaults().withEnabled(false))
			.build();
	}

	@AfterEach
	void close() {
		this.vigil.close();
	}

	private Desk.Triage triage() {
		return AgenticServices.agentBuilder(Desk.Triage.class).chatModel(this.vigil.observe(this.model)).build();
	}

	private Desk.Orders orders() {
		return AgenticServices.agentBuilder(Desk.Orders.class)
			.chatModel(this.vigil.observe(this.model))
			.tools(this.tools)
			.build();
	}

	private Desk.Refunds refunds(ChatModel model) {
		return AgenticServices.agentBuilder(Desk.Refunds.class).chatModel(this.vigil.observe(model)).build();
	}

	private UntypedAgent sequence() {
		return AgenticWorkflows.observe(this.vigil, AgenticServices.sequenceBuilder()
			.name("support")
			.subAgents(triage(), orders())
			.outputKey("answer")
			.build());
	}

	private RunRecord onlyRun() {
		this.vigil.flushRuns(Duration.ofSeconds(5));
		assertThat(this.runs).hasSize(1);
		return this.runs.get(0);
	}

	private static void totalsAreTheSumOfTheAgents(RunRecord run) {
		assertThat(run.agents().stream().mapToInt(AgentRecord::modelCalls).sum()).isEqualTo(run.modelCalls());
		assertThat(run.agents().stream().mapToInt(AgentRecord::toolCalls).sum()).isEqualTo(run.toolCalls().size());
		assertThat(run.agents().stream().mapToLong(AgentRecord::tokens).sum()).isEqualTo(run.totalTokens());
	}

	@Test
	void aSequenceOfTwoAgentsIsOneRunWithBothNestedInIt() {
		Object answer = sequence().invoke(Map.of("request", "Where is ORD-1?", "userId", "u-7"));

		assertThat(answer).isEqualTo("Your order {\"id\":\"ORD-1\",\"status\":\"shipped\"} is on its way.");
		RunRecord run = onlyRun();
		assertThat(run.agent()).isEqualTo("support");
		assertThat(run.userId()).isEqualTo("u-7");
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.output()).isEqualTo(answer);
		assertThat(run.modelCalls()).isEqualTo(3);
		assertThat(run.toolCalls()).hasSize(1);
		assertThat(run.inputTokens()).isEqualTo(60);
		assertThat(run.agents()).containsExactly(new AgentRecord("triage", 20, 5, 1, 0, "completed", null),
				new AgentRecord("orders", 40, 10, 2, 1, "completed", null));
		totalsAreTheSumOfTheAgents(run);
		assertThat(this.vigil.activeRuns()).isZero();
		// the run store keeps the workflow run with its agents and every step
		io.github.vigil.store.StoredRun stored = Triage.of(this.vigil).run(run.runId());
		assertThat(stored.agents()).isEqualTo(run.agents());
		assertThat(stored.steps()).hasSize(4);
	}

	@Test
	void aWorkflowGivenVigilsListenerWhenBuiltIsTheSameRunWithoutLangChain4jsInternalApi() {
		UntypedAgent sequence = AgenticServices.sequenceBuilder()
			.name("support")
			.subAgents(triage(), orders())
			.outputKey("answer")
			.listener(new VigilAgentListener(this.vigil.workflows(), VigilAgentListener.DEFAULT_USER_ID_KEY))
			.build();

		Object answer = sequence.invoke(Map.of("request", "Where is ORD-1?", "userId", "u-7"));

		assertThat(answer).isEqualTo("Your order {\"id\":\"ORD-1\",\"status\":\"shipped\"} is on its way.");
		RunRecord run = onlyRun();
		assertThat(run.agent()).isEqualTo("support");
		assertThat(run.userId()).isEqualTo("u-7");
		assertThat(run.modelCalls()).isEqualTo(3);
		assertThat(run.agents()).containsExactly(new AgentRecord("triage", 20, 5, 1, 0, "completed", null),
				new AgentRecord("orders", 40, 10, 2, 1, "completed", null));
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@Test
	void theTraceIsTheWorkflowsSpanOverEachAgentsSpanOverItsSteps() {
		sequence().invoke(Map.of("request", "Where is ORD-1?"));
		onlyRun();

		Observation.Context workflow = span("invoke_workflow support");
		Observation.Context triage = span("invoke_agent triage");
		Observation.Context orders = span("invoke_agent orders");
		assertThat(workflow.getParentObservation()).isNull();
		assertThat(triage.getParentObservation().getContextView()).isSameAs(workflow);
		assertThat(orders.getParentObservation().getContextView()).isSameAs(workflow);
		List<Observation.Context> steps = this.spans.stream()
			.filter((span) -> span.getContextualName().startsWith("chat") || span.getContextualName().startsWith("execute_tool"))
			.toList();
		assertThat(steps).hasSize(4);
		assertThat(steps.stream().filter((step) -> step.getParentObservation().getContextView() == orders)).hasSize(3);
		assertThat(steps.stream().filter((step) -> step.getParentObservation().getContextView() == triage)).hasSize(1);
		assertThat(orders.getLowCardinalityKeyValue("gen_ai.agent.name").getValue()).isEqualTo("orders");
		assertThat(workflow.getLowCardinalityKeyValue("gen_ai.operation.name").getValue()).isEqualTo("invoke_workflow");
		assertThat(workflow.getLowCardinalityKeyValue("gen_ai.workflow.name").getValue()).isEqualTo("support");
		assertThat(orders.getLowCardinalityKeyValue("gen_ai.workflow.name")).isNull();
		assertThat(orders.getLowCardinalityKeyValue("gen_ai.operation.name").getValue()).isEqualTo("invoke_agent");
	}

	private Observation.Context span(String name) {
		return this.spans.stream()
			.filter((span) -> name.equals(span.getContextualName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(name + " not in " + this.spans.stream().map(Observation.Context::getContextualName).toList()));
	}

	@Test
	void stepMetersCarryTheSubAgentAndRunMetersTheWorkflow() {
		sequence().invoke(Map.of("request", "Where is ORD-1?"));
		onlyRun();

		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.agent.name", "orders").timer().count())
			.isEqualTo(1);
		assertThat(this.registry.get("gen_ai.client.operation.duration").tag("gen_ai.agent.name", "triage").timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.invoke_workflow.duration").timers()).singleElement()
			.satisfies((timer) -> {
				assertThat(timer.getId().getTag("gen_ai.workflow.name")).isEqualTo("support");
				assertThat(timer.count()).isEqualTo(1);
			});
		assertThat(this.registry.find("gen_ai.invoke_agent.duration").timers())
			.as("the workflow's run in the previous conventions' name only with both")
			.isEmpty();
	}

	@Test
	void parallelSubAgentsOnOtherThreadsAreNestedInTheSameRun() {
		UntypedAgent parallel = AgenticWorkflows.observe(this.vigil, AgenticServices.parallelBuilder()
			.name("both")
			.subAgents(orders(), refunds(this.model))
			.build());

		parallel.invoke(Map.of("request", "Where is ORD-1, and my refund?", "category", "ORDER"));

		RunRecord run = onlyRun();
		assertThat(run.agent()).isEqualTo("both");
		assertThat(run.agents()).extracting(AgentRecord::name).containsExactlyInAnyOrder("orders", "Refunds");
		assertThat(run.modelCalls()).isEqualTo(3);
		totalsAreTheSumOfTheAgents(run);
	}

	@Test
	void aLoopInvokesItsAgentOnceAnIterationInTheOneRun() {
		UntypedAgent loop = AgenticWorkflows.observe(this.vigil, AgenticServices.loopBuilder()
			.name("retry")
			.subAgents(orders())
			.maxIterations(2)
			.build());

		loop.invoke(Map.of("request", "Where is ORD-1?", "category", "ORDER"));

		RunRecord run = onlyRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.agents()).extracting(AgentRecord::name).containsExactly("orders", "orders");
		assertThat(run.modelCalls()).isEqualTo(4);
		totalsAreTheSumOfTheAgents(run);
	}

	@Test
	void aLoopSpreadOverSubAgentsIsEndedAndTheWorkflowStops() {
		this.tools.broken = true;
		UntypedAgent loop = AgenticWorkflows.observe(this.vigil, AgenticServices.loopBuilder()
			.name("retry")
			.subAgents(orders())
			.maxIterations(4)
			.outputKey("answer")
			.build());

		Object answer = loop.invoke(Map.of("request", "Where is ORD-1?", "category", "ORDER"));

		// each invocation tries lookupOrder twice, never enough alone; the third identical call, in the second
		// invocation, ends the workflow, and the later iterations make no model call
		RunRecord run = onlyRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.guard()).isEqualTo("loop");
			assertThat(trip.agent()).isEqualTo("orders");
			assertThat(trip.tool()).isEqualTo("lookupOrder");
		});
		assertThat(this.tools.lookups).hasValue(2);
		assertThat(String.valueOf(answer)).startsWith("Sorry, I couldn't finish this.");
		assertThat(run.output()).startsWith("Sorry, I couldn't finish this.");
		int modelCallsBefore = this.model.calls.get();
		assertThat(run.modelCalls()).isEqualTo(modelCallsBefore);
		assertThat(run.agents()).hasSizeGreaterThanOrEqualTo(2);
		assertThat(run.agents().get(1).outcome()).isEqualTo("killed");
	}

	@Test
	void budgetsCountTheWholeWorkflowsModelCalls() {
		Vigil capped = Vigil.builder(new SimpleMeterRegistry())
			.sink((RunSink) this.runs::add)
			.budgetPolicy(new io.github.vigil.guard.BudgetPolicy(2, 50, 0, io.github.vigil.run.GuardAction.END,
					io.github.vigil.guard.LoopPolicy.DEFAULT_MESSAGE, 50, 1000, 3.0, io.github.vigil.run.GuardAction.WARN))
			.evalPolicy(io.github.vigil.eval.EvalPolicy.defaults().withEnabled(false))
			.build();
		try {
			Desk.Triage triage = AgenticServices.agentBuilder(Desk.Triage.class).chatModel(capped.observe(this.model))
				.build();
			Desk.Orders orders = AgenticServices.agentBuilder(Desk.Orders.class)
				.chatModel(capped.observe(this.model))
				.tools(this.tools)
				.build();
			UntypedAgent sequence = AgenticWorkflows.observe(capped,
					AgenticServices.sequenceBuilder().name("support").subAgents(triage, orders).outputKey("answer").build());

			Object answer = sequence.invoke(Map.of("request", "Where is ORD-1?"));

			// one call for triage and one for orders make two: the orders agent's answering call is refused
			capped.flushRuns(Duration.ofSeconds(5));
			RunRecord run = this.runs.get(0);
			assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
			assertThat(run.modelCalls()).isEqualTo(2);
			assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
				assertThat(trip.rule()).isEqualTo("model-calls");
				assertThat(trip.agent()).isEqualTo("orders");
			});
			assertThat(String.valueOf(answer)).startsWith("Sorry, I couldn't finish this.");
		}
		finally {
			capped.close();
		}
	}

	@Test
	void countingPerSubAgentLetsEachInvocationMakeItsOwnCalls() {
		Vigil perAgent = Vigil.builder(new SimpleMeterRegistry())
			.sink((RunSink) this.runs::add)
			.loopPolicy(io.github.vigil.guard.LoopPolicy.defaults().withPerAgent(true))
			.evalPolicy(io.github.vigil.eval.EvalPolicy.defaults().withEnabled(false))
			.build();
		try {
			Desk.Orders orders = AgenticServices.agentBuilder(Desk.Orders.class)
				.chatModel(perAgent.observe(this.model))
				.tools(this.tools)
				.build();
			UntypedAgent loop = AgenticWorkflows.observe(perAgent,
					AgenticServices.loopBuilder().name("retry").subAgents(orders).maxIterations(3).build());

			loop.invoke(Map.of("request", "Where is ORD-1?", "category", "ORDER"));

			perAgent.flushRuns(Duration.ofSeconds(5));
			assertThat(this.runs.get(0).outcome()).isEqualTo(RunOutcome.COMPLETED);
			assertThat(this.tools.lookups).hasValue(3);
		}
		finally {
			perAgent.close();
		}
	}

	public interface Writer {

		@dev.langchain4j.service.UserMessage("Write the customer's reply from: {{answer}}")
		@dev.langchain4j.agentic.Agent(name = "writer", outputKey = "reply")
		String write(@dev.langchain4j.service.V("answer") String answer);

	}

	public static class TrackingTools {

		@dev.langchain4j.agent.tool.Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"tracking\":\"https://track.example.com/" + id + "\"}";
		}

	}

	@Test
	void oneSubAgentsToolResultsBackAnotherSubAgentsAnswer() {
		ChatModel writes = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder()
					.aiMessage(AiMessage.from("Track it at https://track.example.com/ORD-1 any time."))
					.tokenUsage(new TokenUsage(10, 5))
					.build();
			}
		};
		Desk.Orders orders = AgenticServices.agentBuilder(Desk.Orders.class)
			.chatModel(this.vigil.observe(this.model))
			.tools(new TrackingTools())
			.build();
		Writer writer = AgenticServices.agentBuilder(Writer.class).chatModel(this.vigil.observe(writes)).build();
		UntypedAgent backed = AgenticWorkflows.observe(this.vigil, AgenticServices.sequenceBuilder()
			.name("backed")
			.subAgents(orders, writer)
			.outputKey("reply")
			.build());
		Writer alone = AgenticServices.agentBuilder(Writer.class).chatModel(this.vigil.observe(writes)).build();
		UntypedAgent unbacked = AgenticWorkflows.observe(this.vigil,
				AgenticServices.sequenceBuilder().name("unbacked").subAgents(alone).outputKey("reply").build());

		backed.invoke(Map.of("request", "Where is ORD-1?", "category", "ORDER"));
		unbacked.invoke(Map.of("answer", "Your order is on its way."));

		this.vigil.flushRuns(Duration.ofSeconds(5));
		RunRecord withEvidence = this.runs.stream().filter((run) -> run.agent().equals("backed")).findFirst().orElseThrow();
		RunRecord without = this.runs.stream().filter((run) -> run.agent().equals("unbacked")).findFirst().orElseThrow();
		assertThat(withEvidence.fact(io.github.vigil.grounding.GroundingOutcome.class).flags()).isEmpty();
		assertThat(without.fact(io.github.vigil.grounding.GroundingOutcome.class).flags()).extracting((flag) -> flag.value())
			.containsExactly("https://track.example.com/ORD-1");
	}

	@Test
	void aFailingSubAgentEndsTheRunAsAnErrorWithOneRecord() {
		ChatModel down = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				throw new IllegalStateException("refund service unavailable");
			}
		};
		UntypedAgent sequence = AgenticWorkflows.observe(this.vigil, AgenticServices.sequenceBuilder()
			.name("support")
			.subAgents(triage(), refunds(down))
			.build());

		assertThatThrownBy(() -> sequence.invoke(Map.of("request", "I want a refund"))).isInstanceOf(RuntimeException.class);

		RunRecord run = onlyRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.errorMessage()).contains("refund service unavailable");
		assertThat(run.agents()).extracting(AgentRecord::name, AgentRecord::outcome)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("triage", "completed"),
					org.assertj.core.groups.Tuple.tuple("Refunds", "error"));
		assertThat(this.vigil.activeRuns()).isZero();
	}

	private static ChatModel throwing(Error error) {
		return new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				throw error;
			}
		};
	}

	@Test
	void aSubAgentsModelThrowingAnErrorInASequenceEndsItsNestedRunAndTheWorkflowsWithOneRecord() {
		UntypedAgent sequence = AgenticWorkflows.observe(this.vigil, AgenticServices.sequenceBuilder()
			.name("support")
			.subAgents(triage(), refunds(throwing(new AssertionError("refund client invariant broken"))))
			.build());

		Throwable thrown = org.assertj.core.api.Assertions
			.catchThrowable(() -> sequence.invoke(Map.of("request", "I want a refund")));

		assertThat(VigilAgentListener.cause(thrown)).isInstanceOf(AssertionError.class);
		RunRecord run = onlyRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.agents()).extracting(AgentRecord::name, AgentRecord::outcome, AgentRecord::errorType)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("triage", "completed", null),
					org.assertj.core.groups.Tuple.tuple("Refunds", "error", "AssertionError"));
		assertThat(this.vigil.activeRuns()).as("no run is left behind").isZero();
	}

	@Test
	void aSubAgentsModelThrowingAnErrorInAParallelBranchEndsItsNestedRunAndTheWorkflowsWithOneRecord() {
		UntypedAgent parallel = AgenticWorkflows.observe(this.vigil, AgenticServices.parallelBuilder()
			.name("both")
			.subAgents(orders(), refunds(throwing(new OutOfMemoryError("Java heap space"))))
			.build());

		Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
				() -> parallel.invoke(Map.of("request", "Where is ORD-1, and my refund?", "category", "ORDER")));

		assertThat(thrown).isNotNull();
		RunRecord run = onlyRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.agents()).filteredOn((agent) -> agent.name().equals("Refunds"))
			.singleElement()
			.satisfies((agent) -> {
				assertThat(agent.outcome()).isEqualTo("error");
				assertThat(agent.errorType()).isEqualTo("OutOfMemoryError");
			});
		assertThat(this.vigil.activeRuns()).as("no run is left behind").isZero();
	}

	@Test
	void aWorkflowsInputIsTheUsersMessageNeverItsArgumentsAsAMap() {
		UntypedAgent sequence = sequence();

		sequence.invoke(Map.of("request", "Where is ORD-1?", "userId", "u-7", "runId", "r-1"));
		sequence.invoke(Map.of("request", "Where is ORD-2?", "category", "ORDER", "userId", "u-7"));

		this.vigil.flushRuns(Duration.ofSeconds(5));
		assertThat(this.runs).extracting(RunRecord::input).containsExactly("Where is ORD-1?", "Where is ORD-2?");
		assertThat(this.runs.get(0).runId()).isEqualTo("r-1");
	}

	@Test
	void aSupervisorsPlannerCallsAreStepsOfTheRunNotAgentsOrRunsOfTheirOwn() {
		ChatModel planner = new ChatModel() {
			private int calls;

			@Override
			public synchronized ChatResponse doChat(ChatRequest request) {
				String decision = (this.calls++ == 0)
						? "{\"agentName\": \"orders\", \"arguments\": {\"request\": \"Where is ORD-1?\", \"category\": \"ORDER\"}}"
						: "{\"agentName\": \"done\", \"arguments\": {\"response\": \"Your order is on its way.\"}}";
				return ChatResponse.builder().aiMessage(AiMessage.from(decision)).tokenUsage(new TokenUsage(30, 10)).build();
			}
		};
		SupervisorAgent supervisor = AgenticWorkflows.observe(this.vigil, AgenticServices.supervisorBuilder()
			.chatModel(this.vigil.observe(planner))
			.subAgents(orders())
			.build());

		String answer = supervisor.invoke("Where is ORD-1?");

		RunRecord run = onlyRun();
		assertThat(answer).isNotBlank();
		assertThat(run.agents()).extracting(AgentRecord::name).containsExactly("orders");
		// two planning calls and the orders agent's two
		assertThat(run.modelCalls()).isEqualTo(4);
		assertThat(run.inputTokens()).isEqualTo(2 * 30 + 2 * 20);
		assertThat(run.userId()).isNotBlank();
	}

	@Test
	void aGuardThatEndsASupervisorsWorkflowStopsItsPlannerWithTheGracefulAnswer() {
		this.tools.broken = true;
		List<String> plans = new CopyOnWriteArrayList<>();
		ChatModel planner = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				plans.add("plan");
				String decision = "{\"agentName\": \"orders\", \"arguments\": {\"request\": \"Where is ORD-1?\", "
						+ "\"category\": \"ORDER\"}}";
				return ChatResponse.builder().aiMessage(AiMessage.from(decision)).tokenUsage(new TokenUsage(30, 10)).build();
			}
		};
		SupervisorAgent supervisor = AgenticWorkflows.observe(this.vigil, AgenticServices.supervisorBuilder()
			.chatModel(this.vigil.observe(planner))
			.subAgents(orders())
			.maxAgentsInvocations(10)
			.build());

		String answer = supervisor.invoke("Where is ORD-1?");

		// the planner sends the orders agent again and again; the third identical lookup ends the workflow, and the
		// planner's next turn answers "done" with the graceful answer instead of calling its model
		RunRecord run = onlyRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> assertThat(trip.agent()).isEqualTo("orders"));
		assertThat(plans).hasSize(2);
		assertThat(this.tools.lookups).hasValue(2);
		assertThat(answer).startsWith("Sorry, I couldn't finish this.");
	}

	@Test
	void sixteenWorkflowsInParallelKeepTheirRunsApart() throws Exception {
		UntypedAgent sequence = sequence();
		ExecutorService pool = Executors.newFixedThreadPool(16);
		try {
			List<Future<Object>> answers = new ArrayList<>();
			for (int i = 0; i < 16; i++) {
				String user = "u-" + i;
				answers.add(pool.submit(() -> sequence.invoke(Map.of("request", "Where is ORD-1?", "userId", user))));
			}
			for (Future<Object> answer : answers) {
				assertThat(answer.get()).asString().contains("on its way");
			}
		}
		finally {
			pool.shutdownNow();
		}
		this.vigil.flushRuns(Duration.ofSeconds(5));

		assertThat(this.runs).hasSize(16);
		assertThat(this.runs).extracting(RunRecord::userId).doesNotHaveDuplicates();
		assertThat(this.runs).allSatisfy((run) -> {
			assertThat(run.agents()).extracting(AgentRecord::name).containsExactly("triage", "orders");
			assertThat(run.modelCalls()).isEqualTo(3);
			totalsAreTheSumOfTheAgents(run);
		});
		assertThat(this.vigil.activeRuns()).isZero();
	}

}
