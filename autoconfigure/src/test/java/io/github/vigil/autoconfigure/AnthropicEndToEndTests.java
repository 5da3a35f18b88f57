package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import org.junit.jupiter.api.AfterAll;
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

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code langchain4j-anthropic} against WireMock playing Anthropic's Messages API: the same meters, run log and
 * cost as with OpenAI, provider {@code anthropic}, cache reads and writes priced at their own rates, and a 529
 * overloaded error recorded with its type.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=metrics")
class AnthropicEndToEndTests {

	static final String MODEL = "claude-sonnet-4-5";

	static final String RESPONSE_MODEL = "claude-sonnet-4-5-20250929";

	private static final WireMockServer anthropic = startAnthropic();

	private final ObjectMapper json = new ObjectMapper();

	@RegisterExtension
	final RunLogLines runLog = new RunLogLines();

	@LocalServerPort
	int port;

	@Autowired
	Assistant assistant;

	@DynamicPropertySource
	static void anthropicBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("test.anthropic.base-url", () -> anthropic.baseUrl() + "/v1/");
	}

	private static WireMockServer startAnthropic() {
		WireMockServer server = new WireMockServer(0);
		server.start();
		server.stubFor(post(urlPathEqualTo("/v1/messages")).atPriority(1)
			.withRequestBody(containing("overloaded"))
			.willReturn(aResponse().withStatus(529)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")));
		server.stubFor(post(urlPathEqualTo("/v1/messages")).atPriority(3)
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'user')].content[?(@.type == 'tool_result')]"))
			.willReturn(json("""
					{"id":"msg_2","type":"message","role":"assistant","model":"%s",
					 "content":[{"type":"text","text":"Your order ORD-10042 has shipped."}],
					 "stop_reason":"end_turn","stop_sequence":null,
					 "usage":{"input_tokens":150,"output_tokens":20,"cache_read_input_tokens":2000,
					   "cache_creation_input_tokens":0}}
					""".formatted(RESPONSE_MODEL))));
		server.stubFor(post(urlPathEqualTo("/v1/messages")).atPriority(5)
			.willReturn(json("""
					{"id":"msg_1","type":"message","role":"assistant","model":"%s",
					 "content":[{"type":"tool_use","id":"toolu_1","name":"lookupOrder","input":{"id":"ORD-10042"}}],
					 "stop_reason":"tool_use","stop_sequence":null,
					 "usage":{"input_tokens":100,"output_tokens":30,"cache_read_input_tokens":2000,
					   "cache_creation_input_tokens":500}}
					""".formatted(RESPONSE_MODEL))));
		return server;
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	@AfterAll
	static void stopAnthropic() {
		anthropic.stop();
	}

	@Test
	void aToolCallingRunHasTheSameContractAsWithOpenAiAndItsCostCountsTheCache() throws Exception {
		String answer = this.assistant.chat("Where is my order ORD-10042?", InvocationParameters.from("userId", "u-5"));

		assertThat(answer).isEqualTo("Your order ORD-10042 has shipped.");
		assertThat(measure("gen_ai.client.operation.duration", "COUNT", "gen_ai.provider.name:anthropic",
				"gen_ai.request.model:" + MODEL, "error.type:none")).isEqualTo(2);
		// the conventions' input tokens include the cache reads and writes, which Anthropic reports beside them
		assertThat(measure("gen_ai.client.inference.usage.input_tokens", "COUNT", "gen_ai.provider.name:anthropic",
				"gen_ai.response.model:" + RESPONSE_MODEL)).isEqualTo(250 + 4000 + 500);
		assertThat(measure("gen_ai.client.inference.usage.cache_read.input_tokens", "COUNT",
				"gen_ai.provider.name:anthropic")).isEqualTo(4000);
		assertThat(measure("gen_ai.client.inference.usage.cache_write.input_tokens", "COUNT",
				"gen_ai.provider.name:anthropic")).isEqualTo(500);
		assertThat(measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:lookupOrder", "outcome:success"))
			.isEqualTo(1);
		// 100 x 3.00 + 2,000 x 0.30 + 500 x 3.75 + 30 x 15.00, then 150 x 3.00 + 2,000 x 0.30 + 20 x 15.00
		assertThat(measure("gen_ai.client.operation.cost", "TOTAL", "gen_ai.provider.name:anthropic"))
			.isEqualTo(0.004575);
		JsonNode line = this.runLog.single();
		assertThat(line.get("user_id").asText()).isEqualTo("u-5");
		assertThat(line.get("input_tokens").asInt()).isEqualTo(250);
		assertThat(line.get("output_tokens").asInt()).isEqualTo(50);
		assertThat(line.get("cache_read_tokens").asInt()).isEqualTo(4000);
		assertThat(line.get("cost").decimalValue()).isEqualByComparingTo("0.004575");
		assertThat(line.get("currency").asText()).isEqualTo("USD");
		assertThat(line.get("tool_calls").get(0).get("tool").asText()).isEqualTo("lookupOrder");
	}

	@Test
	void anOverloadedErrorEndsTheRunWithItsType() throws Exception {
		assertThatThrownBy(() -> this.assistant.chat("overloaded, please", InvocationParameters.from("userId", "u-6")))
			.isInstanceOf(RuntimeException.class);

		JsonNode line = this.runLog.single();
		assertThat(line.get("outcome").asText()).isEqualTo("error");
		String errorType = line.get("error").asText();
		assertThat(errorType).isNotEqualTo("none").isNotEmpty();
		assertThat(measure("gen_ai.client.operation.duration", "COUNT", "gen_ai.provider.name:anthropic",
				"error.type:" + errorType)).isEqualTo(1);
		assertThat(measure("vigil.cost.unpriced", "COUNT", "gen_ai.request.model:" + MODEL)).isZero();
	}

	private double measure(String meter, String statistic, String... tags) throws Exception {
		StringBuilder uri = new StringBuilder("http://localhost:" + this.port + "/actuator/metrics/" + meter + "?");
		for (String tag : tags) {
			uri.append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8)).append('&');
		}
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(uri.toString())).build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return 0;
		}
		for (JsonNode measurement : this.json.readTree(response.body()).get("measurements")) {
			if (measurement.get("statistic").asText().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		return 0;
	}

	interface Assistant {

		String chat(@UserMessage String message, InvocationParameters parameters);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		AnthropicChatModel chatModel(@Value("${test.anthropic.base-url}") String baseUrl) {
			return AnthropicChatModel.builder()
				.baseUrl(baseUrl)
				.apiKey("test-key")
				.modelName(MODEL)
				.maxTokens(512)
				.maxRetries(0)
				.build();
		}

		@Bean
		Assistant assistant(ChatModel chatModel) {
			return AiServices.builder(Assistant.class).chatModel(chatModel).tools(new OrderTools()).build();
		}

	}

}
