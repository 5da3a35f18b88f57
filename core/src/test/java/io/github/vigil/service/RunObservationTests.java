package io.github.vigil.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.observation.ModelCallObservationContext;
import io.github.vigil.observation.RunObservationContext;
import io.github.vigil.observation.ToolCallObservationContext;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.ScriptedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs, model calls and tool calls as nested observations, which a tracing bridge turns into spans.
 */
class RunObservationTests {

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	private final ScriptedChatModel model = ScriptedChatModel.firstWordIsTool();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	RunObservationTests() {
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				RunObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
	}

	private Assistant assistant(boolean includeContent) {
		Vigil vigil = Vigil.builder(new SimpleMeterRegistry())
			.observationRegistry(this.observations)
			.includeContentInTraces(includeContent)
			.runLog(false)
			// the run's own observations only; the evaluations traced after it are specified in OnlineScoringTests
			.evalPolicy(io.github.vigil.eval.EvalPolicy.defaults().withEnabled(false))
			.build();
		return AiServices.builder(Assistant.class).chatModel(vigil.observe(this.model)).tools(new SupportTools())
			.build();
	}

	@Test
	void aRunIsAnInvokeAgentObservationWithChatAndExecuteToolChildren() {
		assistant(false).chat("legacyLookup ORD-10042");

		assertThat(this.observations).hasNumberOfObservationsEqualTo(4)
			.hasObservationWithNameEqualTo("gen_ai.invoke_agent")
			.that()
			.hasContextualNameEqualTo("invoke_agent Assistant")
			.hasBeenStarted()
			.hasBeenStopped()
			.hasLowCardinalityKeyValue("gen_ai.agent.name", "Assistant")
			.hasLowCardinalityKeyValue("outcome", "completed")
			.hasHighCardinalityKeyValue("gen_ai.usage.input_tokens", "20")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.input.messages");
		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.execute_tool")
			.that()
			.hasContextualNameEqualTo("execute_tool legacyLookup")
			.hasLowCardinalityKeyValue("gen_ai.tool.name", "legacyLookup")
			.hasLowCardinalityKeyValue("error.type", "html_response")
			.hasLowCardinalityKeyValue("outcome", "error")
			.hasBeenStopped();
		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.chat")
			.that()
			.hasContextualNameEqualTo("chat scripted-model")
			.hasLowCardinalityKeyValue("gen_ai.provider.name", "openai")
			.hasLowCardinalityKeyValue("gen_ai.response.model", "scripted-model-2026-01-01");

		Observation.Context run = this.stopped.stream()
			.filter(RunObservationContext.class::isInstance)
			.findFirst()
			.orElseThrow();
		assertThat(this.stopped)
			.filteredOn((ctx) -> ctx instanceof ModelCallObservationContext || ctx instanceof ToolCallObservationContext)
			.hasSize(3)
			.allSatisfy((ctx) -> assertThat(ctx.getParentObservation().getContextView()).isSameAs(run));
	}

	@Test
	void contentGoesOnSpansOnlyWhenIncluded() {
		assistant(true).chat("lookupOrder ORD-10042");

		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.invoke_agent")
			.that()
			.hasHighCardinalityKeyValue("gen_ai.input.messages", "lookupOrder ORD-10042");
		assertThat(this.observations).hasObservationWithNameEqualTo("gen_ai.execute_tool")
			.that()
			.hasHighCardinalityKeyValue("gen_ai.tool.call.arguments", "{\"id\":\"ORD-10042\"}");
	}

}
