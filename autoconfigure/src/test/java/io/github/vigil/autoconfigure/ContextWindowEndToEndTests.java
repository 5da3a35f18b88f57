package io.github.vigil.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context-window guard against a model in the OpenAI wire format that reports real token counts (jtokkit on
 * the request it receives), with a 1,500-token window configured for it: a growing conversation is summarized once,
 * later requests stay under the threshold, and no request over the window ever leaves.
 */
@SpringBootTest(properties = "vigil.guard.context-window.windows.gpt-4o-mini=1500")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ContextWindowEndToEndTests {

	static final int WINDOW = 1_500;

	static final OpenAiPlayer player = new OpenAiPlayer();

	static final WireMockServer openAi = start();

	static WireMockServer start() {
		WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(player));
		server.start();
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).willReturn(aResponse().withStatus(200)));
		return server;
	}

	@AfterAll
	static void stop() {
		openAi.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("test.openai.base-url", () -> openAi.baseUrl() + "/v1");
	}

	@Autowired
	Assistant assistant;

	@Autowired
	ChatMemory memory;

	@Autowired
	MeterRegistry registry;

	@BeforeEach
	void reset() {
		player.reset();
	}

	@Test
	void aGrowingConversationIsSummarizedOnceAndLaterRequestsStayUnderTheThreshold() {
		int turn = 0;
		while (player.summaries.get() == 0 && turn < 30) {
			this.assistant.chat("Where is my order ORD-" + (10_000 + turn++) + "? Please check it carefully.");
		}
		assertThat(player.summaries.get()).isEqualTo(1);
		int sentBefore = player.promptSizes.size();

		for (int i = 0; i < 2; i++) {
			this.assistant.chat("And order ORD-" + (20_000 + i) + "?");
		}

		assertThat(player.summaries.get()).as("summarized once, not on every call").isEqualTo(1);
		assertThat(player.promptSizes).as("no request over the window").allSatisfy((size) -> assertThat(size)
			.isLessThan(WINDOW));
		assertThat(player.promptSizes.subList(sentBefore - 1, player.promptSizes.size()))
			.as("after the summary, every request is under 80% of the window")
			.allSatisfy((size) -> assertThat(size).isLessThan((int) (0.8 * WINDOW)));
		List<ChatMessage> stored = this.memory.messages();
		assertThat(stored.get(0)).isInstanceOf(SystemMessage.class);
		assertThat(stored).anySatisfy((message) -> assertThat(message).isInstanceOfSatisfying(AiMessage.class,
				(ai) -> assertThat(ai.text()).startsWith("Summary of the conversation so far: ")));
		assertToolPairsIntact(stored);
		assertThat(this.registry.get("vigil.guard.trips").tags("guard", "context-window", "action", "summarized")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aFailingSummarizerFallsBackToTrimmingAndNoRequestOverTheWindowLeaves() {
		player.failSummaries.set(true);

		for (int turn = 0; turn < 14; turn++) {
			assertThat(this.assistant.chat("Where is my order ORD-" + (10_000 + turn) + "? Please check it carefully."))
				.contains("shipped");
		}

		assertThat(player.summaries.get()).isPositive();
		assertThat(player.promptSizes).allSatisfy((size) -> assertThat(size).isLessThan(WINDOW));
		assertToolPairsIntact(this.memory.messages());
		assertThat(this.registry.get("vigil.guard.trips").tags("guard", "context-window", "action", "trimmed")
			.counter()
			.count()).isPositive();
	}

	private static void assertToolPairsIntact(List<ChatMessage> messages) {
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i) instanceof ToolExecutionResultMessage) {
				assertThat(messages.get(i - 1)).as("tool result at %d follows its request", i)
					.isInstanceOfSatisfying(AiMessage.class, (ai) -> assertThat(ai.hasToolExecutionRequests()).isTrue());
			}
			if (messages.get(i) instanceof UserMessage && i > 0) {
				assertThat(messages.get(i - 1)).isNotInstanceOf(UserMessage.class);
			}
		}
	}

	interface Assistant {

		String chat(String message);

	}

	/** The orders backend's answer. */
	public static class OrderTools {

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\",\"carrier\":\"DHL\",\"items\":[{\"sku\":\"SKU-1001\","
					+ "\"name\":\"Trail Runner Shoes\",\"quantity\":1}],\"total\":\"129.99\"}";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		OpenAiChatModel chatModel(@Value("${test.openai.base-url}") String baseUrl) {
			return OpenAiWireMock.chatModel(baseUrl);
		}

		@Bean
		ChatMemory memory() {
			return MessageWindowChatMemory.withMaxMessages(500);
		}

		@Bean
		Assistant assistant(ChatModel chatModel, ChatMemory memory) {
			return AiServices.builder(Assistant.class)
				.chatModel(chatModel)
				.chatMemory(memory)
				.systemMessageProvider((id) -> "You are the support agent of an online shop.")
				.tools(new OrderTools())
				.build();
		}

	}

	/**
	 * Plays the model: looks up the order in each user message, then answers; writes summaries when asked; reports
	 * prompt tokens counted with jtokkit on the messages it received, and remembers them.
	 */
	static final class OpenAiPlayer implements ResponseDefinitionTransformerV2 {

		final List<Integer> promptSizes = new CopyOnWriteArrayList<>();

		final AtomicInteger summaries = new AtomicInteger();

		final AtomicBoolean failSummaries = new AtomicBoolean();

		private final ObjectMapper json = new ObjectMapper();

		private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

		void reset() {
			this.promptSizes.clear();
			this.summaries.set(0);
			this.failSummaries.set(false);
		}

		@Override
		public String getName() {
			return "openai-player";
		}

		@Override
		public ResponseDefinition transform(ServeEvent serveEvent) {
			try {
				JsonNode request = this.json.readTree(serveEvent.getRequest().getBodyAsString());
				JsonNode messages = request.path("messages");
				int prompt = 3;
				for (JsonNode message : messages) {
					prompt += 4 + this.encoding.countTokens(message.path("content").asText(""));
					for (JsonNode call : message.path("tool_calls")) {
						prompt += this.encoding.countTokens(call.path("function").toString());
					}
				}
				JsonNode first = messages.get(0);
				JsonNode last = messages.get(messages.size() - 1);
				if (first.path("content").asText("").startsWith("Summarize the conversation")) {
					this.summaries.incrementAndGet();
					if (this.failSummaries.get()) {
						return ResponseDefinitionBuilder.responseDefinition().withStatus(503).build();
					}
					return completion(null, "The customer asked about several orders; all had shipped with DHL.",
							prompt);
				}
				this.promptSizes.add(prompt);
				if (last.path("role").asText().equals("user")) {
					String id = last.path("content").asText().replaceAll(".*(ORD-\\d+).*", "$1");
					return completion(id, null, prompt);
				}
				return completion(null, "Your order has shipped with DHL and will arrive within three working days. "
						+ "You can follow the parcel from the e-mail we sent. Anything else I can do?", prompt);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		private ResponseDefinition completion(String lookup, String text, int prompt) {
			String message = (lookup != null) ? """
					{"role":"assistant","content":null,"tool_calls":[{"id":"call_%s","type":"function",
					 "function":{"name":"lookupOrder","arguments":"{\\"id\\":\\"%s\\"}"}}]}""".formatted(lookup, lookup)
					: """
							{"role":"assistant","content":"%s"}""".formatted(text);
			int completion = (lookup != null) ? 20 : this.encoding.countTokens(text);
			return ResponseDefinitionBuilder.responseDefinition()
				.withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("""
						{"id":"chatcmpl-p","object":"chat.completion","created":1764230000,"model":"gpt-4o-mini-2024-07-18",
						 "choices":[{"index":0,"message":%s,"finish_reason":"%s"}],
						 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
						""".formatted(message, (lookup != null) ? "tool_calls" : "stop", prompt, completion,
						prompt + completion))
				.build();
		}

		@Override
		public boolean applyGlobally() {
			return true;
		}

	}

}
