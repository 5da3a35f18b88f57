package io.github.vigil.sample;

import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.vigil.sample.SampleTestSupport.chat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same conversation against a provider speaking the OpenAI wire format (WireMock playing OpenAI, with an API
 * key and a model name from the environment's properties): a real provider is wired exactly like the offline model.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class RealProviderTests {

	static final int PORT = SampleTestSupport.freePort();

	static final WireMockServer openAi = start();

	static WireMockServer start() {
		WireMockServer server = new WireMockServer(0);
		server.start();
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5).willReturn(aResponse()
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"id":"chatcmpl-1","object":"chat.completion","created":1764230000,"model":"gpt-4o-mini-2024-07-18",
					 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
					   {"id":"call_1","type":"function","function":{"name":"lookupOrder","arguments":"{\\"orderId\\":\\"ORD-10001\\"}"}}]},
					   "finish_reason":"tool_calls"}],
					 "usage":{"prompt_tokens":310,"completion_tokens":19,"total_tokens":329}}
					""")));
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
					{"id":"chatcmpl-2","object":"chat.completion","created":1764230001,"model":"gpt-4o-mini-2024-07-18",
					 "choices":[{"index":0,"message":{"role":"assistant","content":"Your order ORD-10001 is on its way."},
					   "finish_reason":"stop"}],
					 "usage":{"prompt_tokens":420,"completion_tokens":12,"total_tokens":432}}
					""")));
		return server;
	}

	@AfterAll
	static void stop() {
		openAi.stop();
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("support.model.base-url", () -> openAi.baseUrl() + "/v1");
		registry.add("support.model.api-key", () -> "sk-test-key");
		registry.add("support.model.name", () -> "gpt-4o-mini");
	}

	@Autowired
	MeterRegistry registry;

	@Test
	void theConversationGoesThroughTheSameOpenAiChatModelAndToolsAndIsRecorded() throws Exception {
		HttpResponse<String> response = SampleTestSupport.post(PORT, "/api/chat",
				chat("u-1", "Where is my order ORD-10001?"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(new ObjectMapper().readTree(response.body()).get("reply").asText())
			.isEqualTo("Your order ORD-10001 is on its way.");
		openAi.verify(2, postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withHeader("Authorization", equalTo("Bearer sk-test-key"))
			.withRequestBody(matchingJsonPath("$.model", equalTo("gpt-4o-mini"))));
		openAi.verify(1, postRequestedFor(urlEqualTo("/v1/chat/completions"))
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.withRequestBody(containing("customerId")));
		assertThat(this.registry.get("gen_ai.client.inference.usage.input_tokens")
			.tags("gen_ai.provider.name", "openai", "gen_ai.request.model", "gpt-4o-mini", "gen_ai.response.model",
					"gpt-4o-mini-2024-07-18", "gen_ai.agent.name", "SupportAgent")
			.counter()
			.count()).isEqualTo(730);
		assertThat(this.registry.get("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", "lookupOrder", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
	}

}
