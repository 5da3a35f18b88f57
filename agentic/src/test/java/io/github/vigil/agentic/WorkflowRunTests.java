package io.github.vigil.agentic;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workflow built with AgenticServices is one run, with its sub-agents nested in it.
 */
class WorkflowRunTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<RunRecord> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Vigil vigil = Vigil.builder(this.registry).sink((RunSink) this.runs::add).build();

	private final Desk.Model model = new Desk.Model();

	private final Desk.OrderTools tools = new Desk.OrderTools();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	private UntypedAgent sequence() {
		Desk.Triage triage = AgenticServices.agentBuilder(Desk.Triage.class)
			.chatModel(this.vigil.observe(this.model))
			.build();
		Desk.Orders orders = AgenticServices.agentBuilder(Desk.Orders.class)
			.chatModel(this.vigil.observe(this.model))
			.tools(this.tools)
			.build();
		return AgenticWorkflows.observe(this.vigil, AgenticServices.sequenceBuilder()
			.name("support")
			.subAgents(triage, orders)
			.outputKey("answer")
			.build());
	}

	@Test
	void aSequenceOfTwoAgentsIsOneRunWithBothNestedInIt() {
		Object answer = sequence().invoke(Map.of("request", "Where is ORD-1?", "userId", "u-7"));

		assertThat(answer).isEqualTo("Your order {\"id\":\"ORD-1\",\"status\":\"shipped\"} is on its way.");
		this.vigil.flushRuns(Duration.ofSeconds(5));
		assertThat(this.runs).singleElement().satisfies((run) -> {
			assertThat(run.agent()).isEqualTo("support");
			assertThat(run.userId()).isEqualTo("u-7");
			assertThat(run.modelCalls()).isEqualTo(3);
			assertThat(run.toolCalls()).hasSize(1);
			assertThat(run.inputTokens()).isEqualTo(60);
			assertThat(run.agents()).extracting((agent) -> agent.name()).containsExactly("triage", "orders");
			assertThat(run.agents().get(0).modelCalls()).isEqualTo(1);
			assertThat(run.agents().get(1).modelCalls()).isEqualTo(2);
			assertThat(run.agents().get(1).toolCalls()).isEqualTo(1);
			assertThat(run.output()).contains("on its way");
		});
	}

}
