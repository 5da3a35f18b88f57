package io.github.vigil.autoconfigure;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.Vigil;
import io.micrometer.core.instrument.MeterRegistry;
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
			assertThat(registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary()
				.totalAmount()).isEqualTo(3);
			assertThat(context.getBean(ObservationRegistry.class).isNoop()).isFalse();
			assertThat(registry.find("gen_ai.chat").meters()).isEmpty();
			assertThat(registry.find("gen_ai.chat.active").meters()).isEmpty();
		});
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
