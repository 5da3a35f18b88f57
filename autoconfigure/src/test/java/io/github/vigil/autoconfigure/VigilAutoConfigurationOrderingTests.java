package io.github.vigil.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.Vigil;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationPredicate;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Boot's real metrics and observation chain, Vigil records into the application's registry, once.
 */
class VigilAutoConfigurationOrderingTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				VigilAutoConfiguration.class))
		.withUserConfiguration(EchoModel.class);

	@Test
	void recordsIntoTheApplicationsRegistryWithoutDuplicateObservationMeters() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			Vigil vigil = context.getBean(Vigil.class);
			assertThat(vigil.meterRegistry()).isSameAs(registry);

			context.getBean(ChatModel.class).chat("hello");

			assertThat(registry.get("gen_ai.client.operation.duration").tag("gen_ai.agent.name", "none").timer()
				.count()).isEqualTo(1);
			assertThat(registry.get("gen_ai.client.inference.usage.input_tokens").counter().count()).isEqualTo(3);
			assertThat(context.getBean(ObservationRegistry.class).isNoop()).isFalse();
			assertThat(registry.find("gen_ai.chat").meters()).isEmpty();
			assertThat(registry.find("gen_ai.chat.active").meters()).isEmpty();
		});
	}

	@Test
	void observesNothingWhenOnlyMeterHandlersWouldReadTheObservations() {
		this.contextRunner.withUserConfiguration(ObservedNames.class).run((context) -> {
			context.getBean(ChatModel.class).chat("hello");

			assertThat(context.getBean(ObservedNames.class).names).doesNotContain("gen_ai.chat");
			assertThat(context.getBean(MeterRegistry.class).get("gen_ai.client.operation.duration").timer().count())
				.isEqualTo(1);
		});
	}

	@Test
	void observesEveryStepWhenAnotherHandlerReadsObservations() {
		this.contextRunner.withUserConfiguration(ObservedNames.class, Tracing.class).run((context) -> {
			context.getBean(ChatModel.class).chat("hello");

			assertThat(context.getBean(ObservedNames.class).names).contains("gen_ai.chat");
			assertThat(context.getBean(Tracing.class).started).contains("gen_ai.chat");
		});
	}

	@Test
	void observesEveryStepWhenTheApplicationAsks() {
		this.contextRunner.withUserConfiguration(ObservedNames.class)
			.withPropertyValues("vigil.tracing.enabled=true")
			.run((context) -> {
				context.getBean(ChatModel.class).chat("hello");

				assertThat(context.getBean(ObservedNames.class).names).contains("gen_ai.chat");
			});
	}

	/** Every observation the registry was asked to create, by name. */
	@Configuration(proxyBeanMethods = false)
	static class ObservedNames {

		final List<String> names = new CopyOnWriteArrayList<>();

		@Bean
		ObservationPredicate recordingPredicate() {
			return (name, context) -> this.names.add(name);
		}

	}

	/** A handler that is not a meter handler, as a tracer's is. */
	@Configuration(proxyBeanMethods = false)
	static class Tracing {

		final List<String> started = new CopyOnWriteArrayList<>();

		@Bean
		ObservationHandler<Observation.Context> tracingHandler() {
			return new ObservationHandler<>() {
				@Override
				public void onStart(Observation.Context context) {
					Tracing.this.started.add(context.getName());
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class EchoModel {

		@Bean
		ChatModel echo() {
			return new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from("echo"))
						.tokenUsage(new TokenUsage(3, 1))
						.modelName("echo-1")
						.build();
				}
			};
		}

	}

}
