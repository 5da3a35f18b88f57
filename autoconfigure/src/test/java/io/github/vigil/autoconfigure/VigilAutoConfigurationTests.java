package io.github.vigil.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.internal.ObservedModel;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What adding the starter does to an application context.
 */
class VigilAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class));

	@Test
	void createsOneVigilAndInstallsItAsTheDefaultForAiServices() {
		this.contextRunner.withBean(SimpleMeterRegistry.class).run((context) -> {
			assertThat(context).hasSingleBean(Vigil.class);
			assertThat(Vigil.defaultInstance()).isSameAs(context.getBean(Vigil.class));
			assertThat(context.getBean(Vigil.class).meterRegistry()).isSameAs(context.getBean(MeterRegistry.class));
		});
		assertThat(Vigil.defaultInstance()).as("uninstalled when the context closes").isNull();
	}

	@Test
	void observesChatModelBeansAndKeepsTheirConcreteType() {
		this.contextRunner.withUserConfiguration(OpenAiModels.class).run((context) -> {
			OpenAiChatModel model = context.getBean(OpenAiChatModel.class);
			assertThat(model).isInstanceOf(ObservedModel.class);
			assertThat(context.getBean(Vigil.class).observes(model)).isTrue();
			assertThat(context.getBean(OpenAiStreamingChatModel.class)).isInstanceOf(ObservedModel.class);
		});
	}

	@Test
	void backsOffWhenTheApplicationDefinesItsOwnVigil() {
		this.contextRunner.withUserConfiguration(OwnVigil.class).run((context) -> {
			assertThat(context).hasSingleBean(Vigil.class);
			assertThat(context.getBean(Vigil.class)).isSameAs(context.getBean(OwnVigil.class).vigil);
		});
	}

	@Test
	void isOffWhenDisabled() {
		this.contextRunner.withPropertyValues("vigil.enabled=false")
			.withUserConfiguration(OpenAiModels.class)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(Vigil.class);
				assertThat(context.getBean(ChatModel.class)).isNotInstanceOf(ObservedModel.class);
			});
	}

	@Test
	void worksWithoutAMeterRegistryOrBootsMetricsModule() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.boot.micrometer"))
			.withUserConfiguration(OpenAiModels.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Vigil.class);
				assertThat(context.getBean(ChatModel.class)).isInstanceOf(ObservedModel.class);
			});
	}

	@Test
	void addsRunSinkBeans() {
		this.contextRunner.withBean("auditSink", RunSink.class, () -> (run) -> {
		}).run((context) -> assertThat(context).hasSingleBean(Vigil.class).hasBean("auditSink"));
	}

	@Test
	void aChatModelBeanNamedVigilSummarizerWritesTheSummariesAndIsNotObservedAsAnApplicationModel() {
		ChatModel summarizer = OpenAiChatModel.builder().baseUrl("http://localhost:1").apiKey("test")
			.modelName("gpt-4o-mini")
			.build();
		this.contextRunner.withBean("vigilSummarizer", ChatModel.class, () -> summarizer)
			.withUserConfiguration(OpenAiModels.class)
			.run((context) -> {
				assertThat(context.getBean("vigilSummarizer")).isSameAs(summarizer);
				assertThat(context.getBean(Vigil.class).summarizer()).isSameAs(summarizer);
				assertThat(context.getBean("chatModel")).isInstanceOf(ObservedModel.class);
			});
	}

	@Test
	void documentsEveryPropertyForIdeCompletion() throws Exception {
		String metadata = new String(getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")
			.readAllBytes());
		assertThat(metadata).contains("\"vigil.enabled\"", "\"vigil.run.user-id-key\"", "\"vigil.run.abandon-after\"",
				"\"vigil.run-log.enabled\"", "\"vigil.run-log.max-content-length\"", "\"vigil.run-log.redact-pii\"",
				"\"vigil.tracing.include-content\"");
		assertThat(metadata).doesNotContain("\"description\": \"\"");
	}

	@Configuration(proxyBeanMethods = false)
	static class OpenAiModels {

		@Bean
		OpenAiChatModel chatModel() {
			return OpenAiChatModel.builder().baseUrl("http://localhost:1").apiKey("test").modelName("gpt-4o-mini")
				.build();
		}

		@Bean
		OpenAiStreamingChatModel streamingChatModel() {
			return OpenAiStreamingChatModel.builder().baseUrl("http://localhost:1").apiKey("test")
				.modelName("gpt-4o-mini")
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnVigil {

		final Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).build();

		@Bean
		Vigil myVigil() {
			return this.vigil;
		}

	}

}
