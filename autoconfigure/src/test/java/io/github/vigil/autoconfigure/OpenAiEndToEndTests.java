package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.UserMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.vigil.autoconfigure.OpenAiWireMock.FIRST_COMPLETION_TOKENS;
import static io.github.vigil.autoconfigure.OpenAiWireMock.FIRST_PROMPT_TOKENS;
import static io.github.vigil.autoconfigure.OpenAiWireMock.SECOND_COMPLETION_TOKENS;
import static io.github.vigil.autoconfigure.OpenAiWireMock.SECOND_PROMPT_TOKENS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Spring Boot application with the starter and Actuator, an {@link OpenAiChatModel} talking to a server that
 * plays the OpenAI wire format, and AI services built with plain {@link AiServices}: everything Vigil records is
 * readable through {@code /actuator/metrics} and the run log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=health,metrics")
class OpenAiEndToEndTests {

	private static final WireMockServer openAi = startOpenAi();

	private static final int RUN_INPUT = FIRST_PROMPT_TOKENS + SECOND_PROMPT_TOKENS;

	private static final int RUN_OUTPUT = FIRST_COMPLETION_TOKENS + SECOND_COMPLETION_TOKENS;

	private final ObjectMapper json = new ObjectMapper();

	private final HttpClient http = HttpClient.newHttpClient();

	@RegisterExtension
	final RunLogLines runLog = new RunLogLines();

	@LocalServerPort
	int port;

	@Autowired
	OrderAssistant assistant;

	@Autowired
	StreamingOrderAssistant streamingAssistant;

	@DynamicPropertySource
	static void openAiBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("test.openai.base-url", () -> openAi.baseUrl() + "/v1");
	}

	private static WireMockServer startOpenAi() {
		WireMockServer server = new WireMockServer(0);
		server.start();
		OpenAiWireMock.stubFaults(server);
		OpenAiWireMock.stubStreaming(server);
		OpenAiWireMock.stubAnswerAfterToolResult(server);
		for (String tool : List.of("lookupOrder", "lookupOrderV1", "lookupOrderBroken", "lookupOrderEmpty",
				"lookupOrderFailing")) {
			OpenAiWireMock.stubToolCall(server, tool);
		}
		return server;
	}

	@AfterAll
	static void stopOpenAi() {
		openAi.stop();
	}

	@Test
	void aToolCallingRunIsReadableThroughActuatorAndTheRunLog() throws Exception {
		double input = measure("gen_ai.client.inference.usage.input_tokens", "COUNT",
				"gen_ai.agent.name:OrderAssistant");
		double output = measure("gen_ai.client.inference.usage.output_tokens", "COUNT",
				"gen_ai.agent.name:OrderAssistant");
		double modelCalls = measure("gen_ai.client.operation.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"gen_ai.provider.name:openai", "gen_ai.request.model:gpt-4o-mini", "error.type:none");
		double toolCalls = measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:lookupOrder",
				"outcome:success");
		double runs = measure("gen_ai.invoke_agent.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"outcome:completed");

		String answer = this.assistant.chat("Where is my order? tool:lookupOrder",
				InvocationParameters.from("userId", "u-17"));

		assertThat(answer).isEqualTo("Your order ORD-10042 has shipped.");
		assertThat(measure("gen_ai.client.inference.usage.input_tokens", "COUNT",
				"gen_ai.agent.name:OrderAssistant") - input).isEqualTo(RUN_INPUT);
		assertThat(measure("gen_ai.client.inference.usage.output_tokens", "COUNT",
				"gen_ai.agent.name:OrderAssistant") - output).isEqualTo(RUN_OUTPUT);
		assertThat(measure("gen_ai.client.inference.operation.input_tokens", "COUNT", "gen_ai.response.model:gpt-4o-mini-2024-07-18"))
			.isPositive();
		assertThat(measure("gen_ai.client.operation.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"gen_ai.provider.name:openai", "gen_ai.request.model:gpt-4o-mini", "error.type:none") - modelCalls)
			.isEqualTo(2);
		assertThat(measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:lookupOrder", "outcome:success")
				- toolCalls)
			.isEqualTo(1);
		assertThat(measure("gen_ai.invoke_agent.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"outcome:completed") - runs)
			.isEqualTo(1);
		assertThat(measure("gen_ai.client.operation.duration.percentile", "VALUE", "phi:0.95",
				"gen_ai.agent.name:OrderAssistant", "error.type:none"))
			.as("p95 readable from /actuator/metrics")
			.isPositive();

		JsonNode line = this.runLog.single();
		assertThat(line.get("agent").asText()).isEqualTo("OrderAssistant");
		assertThat(line.get("user_id").asText()).isEqualTo("u-17");
		assertThat(line.get("input").asText()).isEqualTo("Where is my order? tool:lookupOrder");
		assertThat(line.get("output").asText()).isEqualTo(answer);
		assertThat(line.get("tokens_used").asInt()).isEqualTo(RUN_INPUT + RUN_OUTPUT);
		assertThat(line.get("input_tokens").asInt()).isEqualTo(RUN_INPUT);
		assertThat(line.get("output_tokens").asInt()).isEqualTo(RUN_OUTPUT);
		assertThat(line.get("model_calls").asInt()).isEqualTo(2);
		// gpt-4o-mini: 56 uncached x 0.15 + 64 cached x 0.075 + 18 x 0.60, then 160 x 0.15 + 25 x 0.60, per million
		assertThat(line.get("cost").decimalValue()).isEqualByComparingTo("0.000063");
		assertThat(line.get("currency").asText()).isEqualTo("USD");
		assertThat(line.get("cache_read_tokens").asInt()).isEqualTo(OpenAiWireMock.FIRST_CACHED_TOKENS);
		assertThat(line.get("reasoning_tokens").asInt()).isEqualTo(OpenAiWireMock.FIRST_REASONING_TOKENS);
		assertThat(line.get("outcome").asText()).isEqualTo("completed");
		assertThat(line.get("tool_calls")).hasSize(1);
		assertThat(line.get("tool_calls").get(0).get("tool").asText()).isEqualTo("lookupOrder");
		assertThat(line.get("tool_calls").get(0).get("success").asBoolean()).isTrue();
		assertThat(line.get("tool_calls").get(0).get("arguments").asText()).contains("ORD-10042");
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "lookupOrderV1, html_response", "lookupOrderBroken, invalid_json",
			"lookupOrderEmpty, empty_result", "lookupOrderFailing, IllegalStateException" })
	void toolCallsWithoutAUsableAnswerAreErrorsWithTheirType(String tool, String errorType) throws Exception {
		double before = measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:" + tool,
				"gen_ai.agent.name:OrderAssistant", "outcome:error", "error.type:" + errorType);

		this.assistant.chat("Where is my order? tool:" + tool, new InvocationParameters());

		assertThat(measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:" + tool,
				"gen_ai.agent.name:OrderAssistant", "outcome:error", "error.type:" + errorType) - before)
			.isEqualTo(1);
		JsonNode call = this.runLog.single().get("tool_calls").get(0);
		assertThat(call.get("success").asBoolean()).isFalse();
		assertThat(call.get("error").asText()).isEqualTo(errorType);
		assertThat(call.get("error_message").asText()).isNotBlank();
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource({ "fault:server-error, InternalServerException", "fault:reset, connection", "fault:slow, timeout" })
	void modelFaultsEndTheRunAsAnErrorWithTheirType(String fault, String errorType) throws Exception {
		double modelErrors = measure("gen_ai.client.operation.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"error.type:" + errorType);
		double failedRuns = measure("gen_ai.invoke_agent.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"outcome:error", "error.type:" + errorType);

		assertThatThrownBy(() -> this.assistant.chat("Hello " + fault, new InvocationParameters()))
			.isInstanceOf(RuntimeException.class);

		assertThat(measure("gen_ai.client.operation.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"error.type:" + errorType) - modelErrors)
			.isEqualTo(1);
		assertThat(measure("gen_ai.invoke_agent.duration", "COUNT", "gen_ai.agent.name:OrderAssistant",
				"outcome:error", "error.type:" + errorType) - failedRuns)
			.isEqualTo(1);
		JsonNode line = this.runLog.single();
		assertThat(line.get("outcome").asText()).isEqualTo("error");
		assertThat(line.get("error").asText()).isEqualTo(errorType);
		assertThat(line.get("model_calls").asInt()).isEqualTo(1);
	}

	@Test
	void aStreamingRunIsRecordedAcrossThreads() throws Exception {
		double input = measure("gen_ai.client.inference.usage.input_tokens", "COUNT",
				"gen_ai.agent.name:StreamingOrderAssistant");
		double toolCalls = measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:lookupOrder",
				"gen_ai.agent.name:StreamingOrderAssistant", "outcome:success");
		CompletableFuture<ChatResponse> done = new CompletableFuture<>();

		this.streamingAssistant.chat("Where is my order? tool:lookupOrder")
			.onPartialResponse((partial) -> {
			})
			.onCompleteResponse(done::complete)
			.onError(done::completeExceptionally)
			.start();

		assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isEqualTo("Your order has shipped.");
		JsonNode line = this.runLog.awaitSingle();
		assertThat(line.get("agent").asText()).isEqualTo("StreamingOrderAssistant");
		assertThat(line.get("outcome").asText()).isEqualTo("completed");
		assertThat(line.get("model_calls").asInt()).isEqualTo(2);
		assertThat(line.get("tokens_used").asInt()).isEqualTo(RUN_INPUT + RUN_OUTPUT);
		assertThat(line.get("output").asText()).isEqualTo("Your order has shipped.");
		assertThat(measure("gen_ai.client.inference.usage.input_tokens", "COUNT",
				"gen_ai.agent.name:StreamingOrderAssistant") - input).isEqualTo(RUN_INPUT);
		assertThat(measure("gen_ai.execute_tool.duration", "COUNT", "gen_ai.tool.name:lookupOrder",
				"gen_ai.agent.name:StreamingOrderAssistant", "outcome:success") - toolCalls)
			.isEqualTo(1);
	}

	/** Reads one statistic of a meter through /actuator/metrics; 0 when no series matches the tags yet. */
	private double measure(String meter, String statistic, String... tags) throws Exception {
		StringBuilder uri = new StringBuilder("http://localhost:" + this.port + "/actuator/metrics/" + meter + "?");
		for (String tag : tags) {
			uri.append("tag=").append(URLEncoder.encode(tag, StandardCharsets.UTF_8)).append('&');
		}
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(uri.toString())).build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return 0;
		}
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		for (JsonNode measurement : this.json.readTree(response.body()).get("measurements")) {
			if (measurement.get("statistic").asText().equals(statistic)) {
				return measurement.get("value").asDouble();
			}
		}
		throw new AssertionError("no " + statistic + " in " + response.body());
	}

	interface OrderAssistant {

		String chat(@UserMessage String message, InvocationParameters parameters);

	}

	interface StreamingOrderAssistant {

		TokenStream chat(String message);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		OpenAiChatModel chatModel(@Value("${test.openai.base-url}") String baseUrl) {
			return OpenAiWireMock.chatModel(baseUrl);
		}

		@Bean
		OpenAiStreamingChatModel streamingChatModel(@Value("${test.openai.base-url}") String baseUrl) {
			return OpenAiStreamingChatModel.builder()
				.baseUrl(baseUrl)
				.apiKey("test-key")
				.modelName(OpenAiWireMock.MODEL)
				.timeout(Duration.ofSeconds(2))
				.build();
		}

		@Bean
		OrderAssistant orderAssistant(ChatModel chatModel) {
			return AiServices.builder(OrderAssistant.class).chatModel(chatModel).tools(new OrderTools()).build();
		}

		@Bean
		StreamingOrderAssistant streamingOrderAssistant(StreamingChatModel streamingChatModel) {
			return AiServices.builder(StreamingOrderAssistant.class)
				.streamingChatModel(streamingChatModel)
				.tools(new OrderTools())
				.build();
		}

	}

}
