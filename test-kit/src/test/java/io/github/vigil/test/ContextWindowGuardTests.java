package io.github.vigil.test;

import java.util.Map;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.guard.ContextAction;
import io.github.vigil.guard.ContextWindowGuard;
import io.github.vigil.guard.ContextWindowPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context-window guard alone, through the test kit: a request near the model's window is trimmed before it goes
 * out, a small one is left alone, and usage that cannot be true never sizes a request.
 */
class ContextWindowGuardTests {

	private final MiddlewareTester tester = MiddlewareTester.of(new ContextWindowGuard(
			new ContextWindowPolicy(true, 0.8, Map.of("tiny-model", 1_000), 32_768, ContextAction.SUMMARIZE, 2), null,
			new SimpleMeterRegistry()));

	private static ChatRequest request(String text) {
		return request("Hello", "Hi, how can I help?", text);
	}

	private static ChatRequest request(String earlier, String answered, String text) {
		return ChatRequest.builder()
			.modelName("tiny-model")
			.messages(SystemMessage.from("You are the support agent."), UserMessage.from(earlier),
					AiMessage.from(answered), UserMessage.from(text))
			.build();
	}

	private static ChatResponse answer(int inputTokens) {
		return ChatResponse.builder().aiMessage(AiMessage.from("ok")).tokenUsage(new TokenUsage(inputTokens, 5)).build();
	}

	@Test
	void aSmallRequestGoesOutAsItIs() {
		FakeRun run = this.tester.start();

		MiddlewareTester.ModelCallOutcome call = this.tester.modelCall(run, request("Where is ORD-1?"), answer(40));

		assertThat(call.modelCalled()).isTrue();
		assertThat(call.call().request().messages()).hasSize(4);
		assertThat(run.trips()).isEmpty();
	}

	@Test
	void aRequestNearTheWindowIsTrimmedBeforeItGoesOutAndTheDecisionRecorded() {
		FakeRun run = this.tester.start();

		String longAgo = "I ordered shoes and a jacket last month and nothing has arrived yet. ".repeat(25);
		MiddlewareTester.ModelCallOutcome call = this.tester.modelCall(run,
				request(longAgo, "Let me look that up for you. " + longAgo, "Where is ORD-1?"), answer(40));

		assertThat(call.modelCalled()).isTrue();
		assertThat(call.call().request().messages()).hasSizeLessThan(4);
		assertThat(call.call().request().messages().get(0)).isInstanceOf(SystemMessage.class);
		assertThat(run.trips()).singleElement().satisfies((trip) -> {
			assertThat(trip.guard()).isEqualTo("context-window");
			assertThat(trip.action()).isEqualTo("trimmed");
		});
	}

	@Test
	void usageThatCannotBeTrueNeverSizesTheNextRequest() {
		FakeRun run = this.tester.start();

		this.tester.modelCall(run, request("Where is ORD-1?"), answer(50_000_000));
		this.tester.modelCall(run, request("And ORD-2?"), answer(40));

		assertThat(run.trips()).isEmpty();
	}

}
