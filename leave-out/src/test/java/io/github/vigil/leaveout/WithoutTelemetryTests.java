package io.github.vigil.leaveout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that leaves {@code vigil-telemetry} out: no step or run meter and no trace, while runs still reach
 * the sinks and the cost meter still prices calls.
 */
class WithoutTelemetryTests {

	interface Assistant {

		String chat(String message);

	}

	@Test
	void theModuleIsNotOnTheClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("io.github.vigil.observation.Telemetry"));
	}

	@Test
	void aRunHasNoStepMetersNoTraceAndStillItsCost() {
		List<RunRecord> sunk = new CopyOnWriteArrayList<>();
		MeterRegistry registry = new SimpleMeterRegistry();
		try (Vigil vigil = Vigil.builder(registry)
			.sink((RunSink) sunk::add)
			.observationRegistry(ObservationRegistry.create())
			.build()) {
			Assistant assistant = AiServices.builder(Assistant.class).chatModel(vigil.observe(new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from("Hello."))
						.modelName("gpt-4o-mini")
						.tokenUsage(new TokenUsage(100, 10))
						.build();
				}
			})).build();

			assertThat(assistant.chat("Hi")).isEqualTo("Hello.");
			assertThat(sunk).singleElement().satisfies((run) -> assertThat(run.totalTokens()).isEqualTo(110));
			assertThat(registry.find("gen_ai.invoke_agent.duration").meters()).isEmpty();
			assertThat(registry.find("gen_ai.client.operation.duration").meters()).isEmpty();
			assertThat(registry.get("gen_ai.client.operation.cost").summary().count()).isEqualTo(1);
			assertThat(vigil.traceMeta()).isEmpty();
		}
	}

	@Test
	void theStarterStartsWithoutIt() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(io.github.vigil.autoconfigure.VigilAutoConfiguration.class))
			.withPropertyValues("vigil.alerts.enabled=false", "vigil.observations.conventions=both")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("vigilTelemetryCustomizer");
				assertThat(context).hasBean("vigilNamingCustomizer");
			});
	}

}
