package io.github.vigil.leaveout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that leaves {@code vigil-retrieval} out of the starter: its retrievers are left as they are and its
 * RAG agent answers as ever; Vigil records its runs with no retrieval step, plain Java and with the starter.
 */
class WithoutRetrievalTests {

	interface Helpdesk {

		String chat(String message);

	}

	/** Answers with what the prompt carries of the retrieved policy. */
	static final class Model implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			String prompt = ((UserMessage) request.messages().get(request.messages().size() - 1)).singleText();
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(prompt.contains("30 days") ? "Within 30 days." : "I do not know."))
				.build();
		}

	}

	private static final ContentRetriever POLICIES = (query) -> List.of(Content.from("Returns within 30 days."));

	@Test
	void theModuleIsNotOnTheClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("io.github.vigil.retrieval.Retrievals"));
	}

	@Test
	void plainJavaLeavesRetrieversAsTheyAreAndRecordsTheRun() {
		List<RunRecord> runs = new CopyOnWriteArrayList<>();
		try (Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).sink((RunSink) runs::add).build()) {
			assertThat(vigil.observe(POLICIES, "policies")).isSameAs(POLICIES);
			Helpdesk helpdesk = AiServices.builder(Helpdesk.class)
				.chatModel(vigil.observe(new Model()))
				.contentRetriever(POLICIES)
				.build();

			assertThat(helpdesk.chat("How long do I have to return a jacket?")).isEqualTo("Within 30 days.");
			assertThat(runs).singleElement().satisfies((run) -> {
				assertThat(run.outcome().value()).isEqualTo("completed");
				assertThat(run.steps()).isEmpty();
			});
		}
	}

	@Test
	void theStarterStartsWithoutItAndLeavesRetrieverBeansAlone() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(io.github.vigil.autoconfigure.VigilAutoConfiguration.class))
			.withPropertyValues("vigil.alerts.enabled=false")
			.withBean("policies", ContentRetriever.class, () -> POLICIES)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean("policies")).isSameAs(POLICIES);
				assertThat(context).doesNotHaveBean("vigilRetrievalCustomizer");
			});
	}

}
