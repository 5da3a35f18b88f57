package io.github.vigil.run;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.SystemMessage;
import io.github.vigil.Vigil;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.store.Triage;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each run says which prompt its AI service used, so runs can be compared across prompt versions: the
 * {@code @SystemMessage} resource's name and a version that changes when the prompt's text does; a prompt supplied
 * at run time is versioned by its text.
 */
class PromptVersionTests {

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).sink(this.runs).build();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	interface FromResource {

		@SystemMessage(fromResource = "prompts/support-v2.txt")
		String chat(String message);

	}

	interface Inline {

		@SystemMessage("You are the support agent of an online shop. Answer about orders only.")
		String chat(String message);

	}

	private ChatModel model() {
		return this.vigil.observe(new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder().aiMessage(AiMessage.from("Sure.")).build();
			}
		});
	}

	private JsonNode prompt() throws Exception {
		RunRecord run = this.runs.all().get(this.runs.all().size() - 1);
		return new ObjectMapper().readTree(new JsonRunLog(new ContentRedactor(500, true)).format(run)).get("prompt");
	}

	@Test
	void aPromptFromAResourceIsNamedByItAndVersionedByItsText() throws Exception {
		AiServices.builder(FromResource.class).chatModel(model()).build().chat("Hi");
		JsonNode fromResource = prompt();
		AiServices.builder(Inline.class).chatModel(model()).build().chat("Hi");
		JsonNode inline = prompt();

		assertThat(fromResource.get("name").asText()).isEqualTo("support-v2");
		assertThat(fromResource.get("version").asText()).matches("[0-9a-f]{12}");
		assertThat(inline.get("name").isNull()).isTrue();
		assertThat(inline.get("version").asText()).as("the same text, with its trailing newline")
			.isNotEqualTo(fromResource.get("version").asText())
			.matches("[0-9a-f]{12}");
	}

	@Test
	void aPromptSuppliedAtRunTimeIsVersionedByItsTextAndAChangeOfTextChangesIt() throws Exception {
		String[] prompt = { "Answer about orders." };
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(model())
			.systemMessageProvider((id) -> prompt[0])
			.build();
		assistant.chat("Hi");
		String first = prompt().get("version").asText();
		assistant.chat("Hi again");
		String same = prompt().get("version").asText();
		prompt[0] = "Answer about orders and refunds.";
		assistant.chat("Hi");
		String changed = prompt().get("version").asText();

		assertThat(same).isEqualTo(first);
		assertThat(changed).isNotEqualTo(first);
	}

	@Test
	void aNameAndVersionTheApplicationGivesAnAgentOverrideWhatItsSystemMessageTells() throws Exception {
		try (Vigil named = Vigil.builder(new SimpleMeterRegistry())
			.sink(this.runs)
			.promptVersion("Inline", "support", "v7")
			.promptVersion("FromResource", null, "2026-12-01")
			.build()) {
			ChatModel model = named.observe(new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder().aiMessage(AiMessage.from("Sure.")).build();
				}
			});
			AiServices.builder(Inline.class).chatModel(model).build().chat("Hi");
			JsonNode inline = prompt();
			AiServices.builder(FromResource.class).chatModel(model).build().chat("Hi");
			JsonNode fromResource = prompt();

			assertThat(inline.get("name").asText()).isEqualTo("support");
			assertThat(inline.get("version").asText()).isEqualTo("v7");
			assertThat(fromResource.get("name").asText()).as("the resource's, kept").isEqualTo("support-v2");
			assertThat(fromResource.get("version").asText()).isEqualTo("2026-12-01");
		}
	}

	@Test
	void triageAndEvalsSplitAnAgentsRunsByPromptVersion() {
		io.github.vigil.store.MemoryRunStore store = new io.github.vigil.store.MemoryRunStore(100);
		try (Vigil stored = Vigil.builder(new SimpleMeterRegistry()).runStore(store).runLog(false).build()) {
			String[] prompt = { "Answer about orders." };
			Assistant assistant = AiServices.builder(Assistant.class)
				.chatModel(stored.observe(new ChatModel() {
					@Override
					public ChatResponse doChat(ChatRequest request) {
						return ChatResponse.builder().aiMessage(AiMessage.from("Sure.")).build();
					}
				}))
				.systemMessageProvider((id) -> prompt[0])
				.build();
			assistant.chat("Hi");
			assistant.chat("Hi again");
			prompt[0] = "Answer about orders and refunds.";
			assistant.chat("Hi");
			stored.flushRuns(java.time.Duration.ofSeconds(5));
			stored.flushScores(java.time.Duration.ofSeconds(5));

			List<io.github.vigil.store.PromptRuns> versions = Triage.of(stored)
				.prompts("Assistant", java.time.Duration.ofDays(1));

			assertThat(versions).extracting(io.github.vigil.store.PromptRuns::runs).containsExactly(2L, 1L);
			assertThat(versions.get(0).version()).isNotEqualTo(versions.get(1).version());
			assertThat(versions.get(0).meanScores()).as("each scorer's mean, the evals' split")
				.containsKey("resolution");
		}
	}

	@Test
	void aServiceWithoutASystemMessageHasNoPrompt() throws Exception {
		AiServices.builder(Assistant.class).chatModel(model()).build().chat("Hi");

		assertThat(prompt().isNull()).isTrue();
	}

}
