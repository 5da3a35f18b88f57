package io.github.vigil.autoconfigure;

import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every run records the version of the application that served it: {@code vigil.instance.version}, else Boot's
 * build info, else nothing; an application's own {@link VigilBuilderCustomizer} may supply it instead.
 */
class ApplicationVersionTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class))
		.withBean(SimpleMeterRegistry.class)
		.withPropertyValues("vigil.run-log.enabled=false")
		.withBean("runs", RunSink.class, Runs::new)
		.withBean(ChatModel.class, () -> new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder().aiMessage(AiMessage.from("Hello")).build();
			}
		});

	@Test
	void theConfiguredVersionIsOnEveryRun() {
		this.contextRunner.withPropertyValues("vigil.instance.version=2.3.0")
			.run((context) -> assertThat(versionOfARun(context)).isEqualTo("2.3.0"));
	}

	@Test
	void withoutOneBootsBuildInfoGivesIt() {
		Properties build = new Properties();
		build.setProperty("version", "1.9.0-rc1");
		this.contextRunner.withBean(BuildProperties.class, () -> new BuildProperties(build))
			.run((context) -> assertThat(versionOfARun(context)).isEqualTo("1.9.0-rc1"));
	}

	@Test
	void withNeitherTheVersionIsUnknown() {
		this.contextRunner.run((context) -> assertThat(versionOfARun(context)).isNull());
	}

	@Test
	void anApplicationsCustomizerMaySupplyTheVersionAsEachRunEnds() {
		AtomicReference<String> release = new AtomicReference<>("1.4.1");
		this.contextRunner.withPropertyValues("vigil.instance.version=2.3.0")
			.withBean(VigilBuilderCustomizer.class, () -> (builder) -> builder.version(release::get))
			.run((context) -> {
				assertThat(versionOfARun(context)).isEqualTo("1.4.1");
				release.set("1.4.2");
				assertThat(versionOfARun(context)).isEqualTo("1.4.2");
			});
	}

	@Test
	void aSupplierThatFailsLeavesTheVersionUnknownAndTheRunRecorded() {
		this.contextRunner.withBean(VigilBuilderCustomizer.class, () -> (builder) -> builder.version(() -> {
			throw new IllegalStateException("release registry down");
		})).run((context) -> assertThat(versionOfARun(context)).isNull());
	}

	private static String versionOfARun(ApplicationContext context) {
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(context.getBean(ChatModel.class)).build();
		assertThat(assistant.chat("Hi")).isEqualTo("Hello");
		List<RunRecord> runs = ((Runs) context.getBean("runs")).records;
		return runs.get(runs.size() - 1).version();
	}

	interface Assistant {

		String chat(String message);

	}

	static final class Runs implements RunSink {

		final List<RunRecord> records = new CopyOnWriteArrayList<>();

		@Override
		public void accept(RunRecord run) {
			this.records.add(run);
		}

	}

}
