package io.github.vigil.leaveout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
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
 * An application that leaves {@code vigil-guards} out: a run that calls the same tool again and again is not ended by
 * Vigil (it gets the model's answer, as without Vigil), and is still recorded whole.
 */
class WithoutGuardsTests {

	interface Assistant {

		String chat(String message);

	}

	static final class Orders {

		final AtomicInteger calls = new AtomicInteger();

		@Tool
		String lookupOrder(String id) {
			this.calls.incrementAndGet();
			return "pending";
		}

	}

	/** Looks the same order up six times, then answers. */
	static final class Looping implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			long results = request.messages().stream().filter(ToolExecutionResultMessage.class::isInstance).count();
			AiMessage reply = (results < 6) ? AiMessage.from(ToolExecutionRequest.builder()
				.id("call-" + results)
				.name("lookupOrder")
				.arguments("{\"arg0\":\"ORD-1\"}")
				.build()) : AiMessage.from("Still pending.");
			return ChatResponse.builder().aiMessage(reply).build();
		}

	}

	@Test
	void theModuleIsNotOnTheClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("io.github.vigil.guard.LoopGuard"));
	}

	@Test
	void aLoopingRunIsNotEndedAndIsRecordedWhole() {
		List<RunRecord> runs = new CopyOnWriteArrayList<>();
		Orders orders = new Orders();
		try (Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).sink((RunSink) runs::add).build()) {
			String answer = AiServices.builder(Assistant.class)
				.chatModel(vigil.observe(new Looping()))
				.tools(orders)
				.build()
				.chat("Where is ORD-1?");

			assertThat(answer).isEqualTo("Still pending.");
			assertThat(orders.calls).hasValue(6);
			assertThat(runs).singleElement().satisfies((run) -> {
				assertThat(run.outcome().value()).isEqualTo("completed");
				assertThat(run.toolCalls()).hasSize(6);
				assertThat(run.guardTrips()).isEmpty();
			});
		}
	}

	@Test
	void theStarterStartsWithoutIt() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(io.github.vigil.autoconfigure.VigilAutoConfiguration.class))
			.withPropertyValues("vigil.alerts.enabled=false", "vigil.guard.loop.max-identical-calls=2")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("vigilGuardsCustomizer");
			});
	}

}
