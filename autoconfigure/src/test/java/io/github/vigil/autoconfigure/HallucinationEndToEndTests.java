package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.github.vigil.grounding.Flag;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hallucination proxy in a Spring Boot application configured through properties (a catalog resource, published
 * URL prefixes, staff names), with a model in the OpenAI wire format that invents a price and a link, and answers
 * truthfully when told so.
 */
class HallucinationEndToEndTests {

	private static final WireMockServer openAi = startOpenAi();

	private static final String INVENTED = "The Trail Runner Shoes cost $99.99 with code SAVE at https://deals.example.net/shoes. Ask Sarah Connor.";

	private static final String TRUTHFUL = "The Trail Runner Shoes cost $129.99; see https://help.example.com/sizing.";

	private static WireMockServer startOpenAi() {
		WireMockServer server = new WireMockServer(0);
		server.start();
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5).willReturn(OpenAiWireMock.answer(INVENTED)));
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(containing("could not be verified"))
			.willReturn(OpenAiWireMock.answer(TRUTHFUL)));
		return server;
	}

	@AfterAll
	static void stopOpenAi() {
		openAi.stop();
	}

	@DynamicPropertySource
	static void openAiBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("test.openai.base-url", () -> openAi.baseUrl() + "/v1");
	}

	interface ShopAssistant {

		String chat(String message);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		OpenAiChatModel chatModel(@Value("${test.openai.base-url}") String baseUrl) {
			return OpenAiWireMock.chatModel(baseUrl);
		}

		@Bean
		ShopAssistant shopAssistant(ChatModel chatModel) {
			return AiServices.builder(ShopAssistant.class).chatModel(chatModel).build();
		}

	}

	static double count(MeterRegistry registry, String name, String... tags) {
		Counter counter = registry.find(name).tags(tags).counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Nested
	@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil", "vigil.hallucination.catalog=classpath:catalog.csv",
					"vigil.hallucination.knowledge-base.url-prefixes=https://help.example.com/",
					"vigil.hallucination.knowledge-base.people=Maria Lopez,Daniel Kim" })
	class Flag {

		@RegisterExtension
		final RunLogLines runLog = new RunLogLines();

		@LocalServerPort
		int port;

		@Autowired
		ShopAssistant assistant;

		@Autowired
		MeterRegistry registry;

		@Test
		void flagsAreCountedLoggedAndQueuedForReviewAtTheEndpoint() throws Exception {
			double prices = count(this.registry, "vigil.hallucination.flags", "kind", "price", "gen_ai.agent.name",
					"ShopAssistant");
			double flagged = count(this.registry, "vigil.hallucination.checks", "result", "flagged");

			String answer = this.assistant.chat("How much are the Trail Runner Shoes?");

			assertThat(answer).isEqualTo(INVENTED);
			assertThat(count(this.registry, "vigil.hallucination.flags", "kind", "price", "gen_ai.agent.name",
					"ShopAssistant") - prices).isEqualTo(1);
			assertThat(count(this.registry, "vigil.hallucination.checks", "result", "flagged") - flagged).isEqualTo(1);
			JsonNode line = this.runLog.single();
			assertThat(line.get("flag_action").asText()).isEqualTo("flagged");
			assertThat(line.get("flags")).extracting((flag) -> flag.get("kind").asText())
				.containsExactlyInAnyOrder("price", "url", "person");

			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/vigil/reviews"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode reviews = new ObjectMapper().readTree(response.body()).get("reviews");
			JsonNode newest = reviews.get(0);
			assertThat(newest.get("runId").asText()).isEqualTo(line.get("run_id").asText());
			assertThat(newest.get("agent").asText()).isEqualTo("ShopAssistant");
			assertThat(newest.get("answerExcerpt").asText()).contains("$99.99");
			assertThat(newest.get("flags")).hasSize(3);
		}

		@Test
		void aTruthfulAnswerIsClean() {
			double clean = count(this.registry, "vigil.hallucination.checks", "result", "clean");

			this.assistant.chat("What do the shoes cost? could not be verified");

			assertThat(count(this.registry, "vigil.hallucination.checks", "result", "clean") - clean).isEqualTo(1);
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, properties = { "vigil.hallucination.action=reprompt",
			"vigil.hallucination.catalog=classpath:catalog.csv",
			"vigil.hallucination.knowledge-base.url-prefixes=https://help.example.com/" })
	class Reprompt {

		@Autowired
		ShopAssistant assistant;

		@Test
		void theModelIsAskedOnceMoreAndItsSecondAnswerIsReturned() {
			assertThat(this.assistant.chat("How much are the Trail Runner Shoes?")).isEqualTo(TRUTHFUL);
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, properties = { "vigil.hallucination.action=block",
			"vigil.hallucination.block-message=Let me check with a colleague.",
			"vigil.hallucination.catalog=classpath:catalog.csv" })
	class Block {

		@Autowired
		ShopAssistant assistant;

		@Test
		void theAnswerIsReplacedByTheBlockMessage() {
			assertThat(this.assistant.chat("How much are the Trail Runner Shoes?"))
				.isEqualTo("Let me check with a colleague.");
		}

	}

}
