package io.github.vigil.service;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.ScriptedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a plain-Java user gets from two lines: every run and every step of an AI service recorded.
 */
class AiServiceTelemetryTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	private final ScriptedChatModel model = ScriptedChatModel.firstWordIsTool();

	private final Assistant assistant = AiServices.builder(Assistant.class)
		.chatModel(this.vigil.observe(this.model))
		.tools(new SupportTools())
		.build();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	@Test
	void aRunWithOneToolCallRecordsEveryStepAndTheRun() {
		String answer = this.assistant.chat("lookupOrder ORD-10042");

		assertThat(answer).contains("shipped");
		RunRecord run = this.runs.single();
		assertThat(run.agent()).isEqualTo("Assistant");
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.modelCalls()).isEqualTo(2);
		assertThat(run.inputTokens()).isEqualTo(2 * ScriptedChatModel.INPUT_TOKENS);
		assertThat(run.outputTokens()).isEqualTo(2 * ScriptedChatModel.OUTPUT_TOKENS);
		assertThat(run.input()).isEqualTo("lookupOrder ORD-10042");
		assertThat(run.output()).isEqualTo(answer);
		assertThat(run.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.tool()).isEqualTo("lookupOrder");
			assertThat(call.success()).isTrue();
			assertThat(call.arguments()).contains("ORD-10042");
		});

		Timer modelTimer = this.registry.get("gen_ai.client.operation.duration")
			.tag("gen_ai.operation.name", "chat")
			.tag("gen_ai.provider.name", "openai")
			.tag("gen_ai.request.model", "scripted-model")
			.tag("gen_ai.agent.name", "Assistant")
			.tag("error.type", "none")
			.timer();
		assertThat(modelTimer.count()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.client.inference.usage.input_tokens")
			.tag("gen_ai.response.model", "scripted-model-2026-01-01")
			.tag("gen_ai.agent.name", "Assistant")
			.counter()
			.count()).isEqualTo(20);
		assertThat(this.registry.get("gen_ai.client.inference.usage.output_tokens").counter().count()).isEqualTo(10);
		DistributionSummary inputPerCall = this.registry.get("gen_ai.client.inference.operation.input_tokens")
			.tag("gen_ai.agent.name", "Assistant")
			.summary();
		assertThat(inputPerCall.count()).isEqualTo(2);
		assertThat(inputPerCall.totalAmount()).isEqualTo(20);
		assertThat(this.registry.find("gen_ai.client.token.usage").meters())
			.as("the previous conventions' name only with vigil.observations.conventions=both")
			.isEmpty();
		assertThat(this.registry.get("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", "lookupOrder", "gen_ai.agent.name", "Assistant", "outcome", "success",
					"error.type", "none")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.invoke_agent.duration")
			.tags("gen_ai.agent.name", "Assistant", "outcome", "completed", "error.type", "none")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("vigil.run.tokens").tag("gen_ai.agent.name", "Assistant").summary()
			.totalAmount()).isEqualTo(30);
		assertThat(this.registry.get("vigil.run.tool.calls").summary().totalAmount()).isEqualTo(1);
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "legacyLookup, html_response", "brokenLookup, invalid_json", "emptyLookup, empty_result",
			"failingLookup, IllegalStateException", "slowLookup, timeout" })
	void aToolCallThatGivesNoUsableAnswerIsAnErrorWithABoundedType(String tool, String errorType) {
		this.assistant.chat(tool + " ORD-10042");

		assertThat(this.registry.get("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", tool, "outcome", "error", "error.type", errorType)
			.timer()
			.count()).isEqualTo(1);
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.success()).isFalse();
			assertThat(call.errorType()).isEqualTo(errorType);
			assertThat(call.errorMessage()).isNotBlank();
		});
	}

	@Test
	void everyToolMeterCarriesExactlyTheContractTags() {
		this.assistant.chat("lookupOrder ORD-1");
		this.assistant.chat("legacyLookup ORD-2");

		for (Meter meter : this.registry.find("gen_ai.execute_tool.duration").meters()) {
			assertThat(meter.getId().getTags()).extracting("key")
				.containsExactlyInAnyOrder("gen_ai.tool.name", "gen_ai.agent.name", "outcome", "error.type");
		}
		for (Meter meter : this.registry.find("gen_ai.client.inference.usage.input_tokens").meters()) {
			assertThat(meter.getId().getTags()).extracting("key")
				.containsExactlyInAnyOrder("gen_ai.operation.name", "gen_ai.provider.name", "gen_ai.request.model",
						"gen_ai.response.model", "gen_ai.token.modality", "gen_ai.agent.name");
		}
	}

	@Test
	void aModelFailureEndsTheRunAsAnErrorAndStillLogsIt() {
		this.model.failWith(new IllegalStateException("provider is down"));

		assertThatThrownBy(() -> this.assistant.chat("lookupOrder ORD-1")).hasMessageContaining("provider is down");

		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.errorType()).isEqualTo("IllegalStateException");
		assertThat(run.errorMessage()).isEqualTo("provider is down");
		assertThat(this.registry.get("gen_ai.client.operation.duration").tag("error.type", "IllegalStateException")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.invoke_agent.duration")
			.tags("outcome", "error", "error.type", "IllegalStateException")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@Test
	void theUserIdComesFromInvocationParametersThenTheMemoryIdThenIsAnonymous() {
		this.assistant.chat("none", InvocationParameters.from("userId", "u-17"));
		AiServices.builder(Assistant.WithMemory.class)
			.chatModel(this.vigil.observe(this.model))
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(20))
			.build()
			.chatAs("conversation-9", "none");
		this.assistant.chat("none");

		assertThat(this.runs.all()).extracting(RunRecord::userId)
			.containsExactly("u-17", "conversation-9", "anonymous");
	}

	@Test
	void resultReturningMethodsAreRunsToo() {
		Result<String> result = this.assistant.chatResult("lookupOrder ORD-7");

		assertThat(this.runs.single().output()).isEqualTo(result.content());
		assertThat(this.runs.single().totalTokens()).isEqualTo(result.tokenUsage().totalTokenCount().longValue());
	}

	@Test
	void aModelCallOutsideAnyAiServiceHasAgentNone() {
		this.vigil.observe(this.model).chat("hello");

		assertThat(this.registry.get("gen_ai.client.operation.duration").tag("gen_ai.agent.name", "none").timer()
			.count()).isEqualTo(1);
		assertThat(this.runs.all()).isEmpty();
	}

	@Test
	void aServiceWhoseModelIsNotObservedReportsToTheInstalledDefault() {
		this.vigil.installAsDefault();
		Assistant plain = AiServices.builder(Assistant.class).chatModel(this.model).tools(new SupportTools()).build();

		plain.chat("lookupOrder ORD-3");

		assertThat(this.runs.single().modelCalls()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "lookupOrder").timer()
			.count()).isEqualTo(1);
	}

	@Test
	void withoutAnyVigilAnAiServiceWorksUntouched() {
		Assistant plain = AiServices.builder(Assistant.class).chatModel(this.model).tools(new SupportTools()).build();

		assertThat(plain.chat("lookupOrder ORD-3")).contains("shipped");
		assertThat(this.runs.all()).isEmpty();
		assertThat(this.registry.getMeters()).isEmpty();
	}

	@Test
	void aSinkThatThrowsNeverReachesTheCaller() {
		Vigil failing = Vigil.builder(this.registry).sink((run) -> {
			throw new IllegalStateException("sink down");
		}).sink(this.runs).build();
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(failing.observe(this.model))
			.tools(new SupportTools())
			.build();

		assertThat(assistant.chat("lookupOrder ORD-3")).contains("shipped");
		assertThat(this.runs.all()).hasSize(1);
		assertThat(this.registry.get("vigil.internal.errors").tag("component", "run-sink").counter().count())
			.isEqualTo(1);
	}

	@Test
	void theRunDurationCoversItsSteps() {
		this.assistant.chat("lookupOrder ORD-1");

		double runNanos = this.registry.get("gen_ai.invoke_agent.duration").timer().totalTime(TimeUnit.NANOSECONDS);
		double modelNanos = this.registry.get("gen_ai.client.operation.duration").timer()
			.totalTime(TimeUnit.NANOSECONDS);
		assertThat(runNanos).isGreaterThanOrEqualTo(modelNanos);
	}

	@Test
	void toolsFromAProviderAreObservedEvenWhenTheyChangeFromOneInvocationToTheNext() {
		AtomicInteger invocations = new AtomicInteger();
		ToolProvider provider = (request) -> {
			String offered = (invocations.incrementAndGet() % 2 == 1) ? "lookupOrder" : "legacyLookup";
			ToolSpecification specification = ToolSpecification.builder()
				.name(offered)
				.description("Looks up an order")
				.parameters(JsonObjectSchema.builder().addStringProperty("id").required("id").build())
				.build();
			ToolExecutor executor = (toolRequest, memoryId) -> offered.equals("lookupOrder")
					? new SupportTools().lookupOrder("ORD-1") : new SupportTools().legacyLookup("ORD-1");
			return ToolProviderResult.builder().add(specification, executor).build();
		};
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(this.model))
			.toolProvider(provider)
			.build();

		assistant.chat("lookupOrder ORD-1");
		assistant.chat("legacyLookup ORD-1");
		assistant.chat("lookupOrder ORD-1");

		assertThat(this.runs.all()).extracting((run) -> run.toolCalls().get(0).tool())
			.containsExactly("lookupOrder", "legacyLookup", "lookupOrder");
		assertThat(this.runs.all()).extracting((run) -> run.toolCalls().get(0).errorType())
			.containsExactly(null, "html_response", null);
		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "lookupOrder")
			.timer()
			.count()).isEqualTo(2);
	}

	@Test
	void theSameToolsServeManyInvocationsAndEachCallIsRecordedOnce() {
		for (int i = 0; i < 5; i++) {
			this.assistant.chat("lookupOrder ORD-" + i);
		}
		this.assistant.chat("legacyLookup ORD-9");

		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "lookupOrder")
			.timer()
			.count()).isEqualTo(5);
		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "legacyLookup")
			.tag("error.type", "html_response")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.runs.all()).hasSize(6).allSatisfy((run) -> assertThat(run.toolCalls()).hasSize(1));
	}

}
