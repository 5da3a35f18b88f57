package io.github.vigil.leaveout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Moderate;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An application that leaves {@code vigil-guardrails} out of the starter (this module leaves out
 * {@code vigil-retrieval}, {@code vigil-run-log} and {@code vigil-telemetry} as well): Vigil starts, plain Java and
 * with the starter, and records runs and tool calls as ever; the application's guardrails and moderation model work
 * as LangChain4j runs them, and Vigil records no step of theirs.
 */
class WithoutGuardrailsTests {

	interface Clerk {

		@Moderate
		String chat(String message);

	}

	/** Looks the order up, then answers. */
	static final class Model implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			AiMessage reply = (messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage result)
					? AiMessage.from("ORD-1: " + result.text())
					: AiMessage.from(ToolExecutionRequest.builder()
						.id("call-1")
						.name("lookupOrder")
						.arguments("{\"arg0\":\"ORD-1\"}")
						.build());
			return ChatResponse.builder().aiMessage(reply).build();
		}

	}

	static final class Orders {

		@Tool
		String lookupOrder(String id) {
			return "shipped";
		}

	}

	/** Refuses card numbers. */
	static final class NoCardNumbers implements InputGuardrail {

		@Override
		public InputGuardrailResult validate(UserMessage message) {
			return message.singleText().matches(".*\\d{16}.*") ? failure("carries a card number") : success();
		}

	}

	static final class Moderator implements ModerationModel {

		final List<String> checked = new CopyOnWriteArrayList<>();

		@Override
		public Response<Moderation> moderate(List<ChatMessage> messages) {
			this.checked.add(((UserMessage) messages.get(messages.size() - 1)).singleText());
			return Response.from(Moderation.notFlagged());
		}

	}

	private static Clerk clerk(ChatModel model, ModerationModel moderator) {
		return AiServices.builder(Clerk.class)
			.chatModel(model)
			.moderationModel(moderator)
			.tools(new Orders())
			.inputGuardrails(new NoCardNumbers())
			.build();
	}

	@Test
	void theModuleIsNotOnTheClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("io.github.vigil.guardrail.Guardrails"));
	}

	@Test
	void plainJavaRecordsRunsAndToolCallsAndNoGuardrailOrModerationStep() {
		List<RunRecord> runs = new CopyOnWriteArrayList<>();
		MeterRegistry registry = new SimpleMeterRegistry();
		try (Vigil vigil = Vigil.builder(registry).sink((RunSink) runs::add).build()) {
			Moderator moderator = new Moderator();
			ModerationModel observed = vigil.observe(moderator);
			Clerk clerk = clerk(vigil.observe(new Model()), observed);

			assertThat(observed).as("nothing observes it without the module").isSameAs(moderator);
			assertThat(clerk.chat("Where is ORD-1?")).isEqualTo("ORD-1: shipped");
			assertThat(catchThrowable(() -> clerk.chat("My card is 4111111111111111")))
				.isInstanceOf(InputGuardrailException.class);

			assertThat(moderator.checked).containsExactly("Where is ORD-1?");
			assertThat(runs).hasSize(2);
			assertThat(runs.get(0).toolCalls()).singleElement().satisfies((call) -> {
				assertThat(call.tool()).isEqualTo("lookupOrder");
				assertThat(call.success()).isTrue();
			});
			assertThat(runs).allSatisfy((run) -> assertThat(run.steps()).isEmpty());
			assertThat(runs.get(1).outcome().value()).isEqualTo("error");
			assertThat(registry.find("vigil.guardrail.results").meters()).isEmpty();
		}
	}

	@Test
	void theStarterStartsWithoutItAndBindsNoGuardrailProperties() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(io.github.vigil.autoconfigure.VigilAutoConfiguration.class))
			.withPropertyValues("vigil.alerts.enabled=false", "vigil.guardrails.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Vigil vigil = context.getBean(Vigil.class);
				Clerk clerk = clerk(vigil.observe(new Model()), new Moderator());
				assertThat(clerk.chat("Where is ORD-1?")).isEqualTo("ORD-1: shipped");
				assertThat(context).doesNotHaveBean("vigilGuardrailsCustomizer");
			});
	}

}
