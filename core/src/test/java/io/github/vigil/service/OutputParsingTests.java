package io.github.vigil.service;

import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.output.OutputParsingException;
import io.github.vigil.Vigil;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.store.Triage;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Structured output that does not parse: the caller gets LangChain4j's exception unchanged, and the run ends with
 * the bounded error type {@code output_parsing} and what the model returned, redacted like any content, without the
 * base64 copy of it LangChain4j puts in its message.
 */
class OutputParsingTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	record Refund(String orderId, double amount) {
	}

	interface RefundReader {

		Refund read(String message);

	}

	private static final String ANSWER = "Sorry, I cannot help with that. Write to jane.doe@example.com instead.";

	@Test
	void anAnswerThatDoesNotParseEndsTheRunWithOutputParsingAndTheRedactedAnswer() throws Exception {
		ChatModel model = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder().aiMessage(AiMessage.from(ANSWER)).build();
			}
		};
		RefundReader reader = AiServices.builder(RefundReader.class).chatModel(this.vigil.observe(model)).build();

		Throwable thrown = catchThrowable(() -> reader.read("Refund ORD-10042 please"));

		assertThat(thrown).isInstanceOf(OutputParsingException.class);
		assertThat(this.runs.single().errorType()).isEqualTo("output_parsing");
		JsonNode line = new ObjectMapper()
			.readTree(new JsonRunLog(new ContentRedactor(500, true)).format(this.runs.single()));
		assertThat(line.get("error").asText()).isEqualTo("output_parsing");
		assertThat(line.get("error_message").asText()).contains("Sorry, I cannot help with that", "[email]", "Refund")
			.doesNotContain("jane.doe", "base64", Base64.getEncoder().encodeToString(ANSWER.getBytes()).substring(0, 20));
		assertThat(this.registry.get("vigil.output.parsing.failures")
			.tags("gen_ai.agent.name", "RefundReader", "return_type", "Refund")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.invoke_agent.duration")
			.tags("gen_ai.agent.name", "RefundReader", "error.type", "output_parsing")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void theParsedScorerScoresStructuredRunsOnlyAndAnUnparsedAnswerZero() {
		try (Vigil scored = Vigil.builder(new SimpleMeterRegistry())
			.runStore(new io.github.vigil.store.MemoryRunStore(100))
			.runLog(false)
			.build()) {
			ChatModel model = scored.observe(new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					String user = ((dev.langchain4j.data.message.UserMessage) request.messages()
						.get(request.messages().size() - 1)).singleText();
					return ChatResponse.builder()
						.aiMessage(AiMessage.from(user.contains("ORD-1 ") ? "{\"orderId\":\"ORD-1\",\"amount\":12.5}"
								: ANSWER))
						.build();
				}
			});
			RefundReader reader = AiServices.builder(RefundReader.class).chatModel(model).build();
			io.github.vigil.support.Assistant chat = AiServices.builder(io.github.vigil.support.Assistant.class)
				.chatModel(model)
				.build();

			assertThat(reader.read("Refund ORD-1 please")).isEqualTo(new Refund("ORD-1", 12.5));
			catchThrowable(() -> reader.read("Refund ORD-2 please"));
			chat.chat("Hello");
			scored.flushRuns(java.time.Duration.ofSeconds(5));
			scored.flushScores(java.time.Duration.ofSeconds(5));

			java.util.Map<String, Double> parsed = new java.util.HashMap<>();
			for (io.github.vigil.store.StoredRun run : Triage.of(scored).runs(null, 10)) {
				Triage.of(scored)
					.store()
					.scores(run.runId())
					.stream()
					.filter((score) -> score.scorer().equals("parsed"))
					.forEach((score) -> parsed.put(run.agent() + " " + run.outcome(), score.value()));
			}
			assertThat(parsed).containsOnly(org.assertj.core.api.Assertions.entry("RefundReader completed", 1.0),
					org.assertj.core.api.Assertions.entry("RefundReader error", 0.0));
		}
	}

}
