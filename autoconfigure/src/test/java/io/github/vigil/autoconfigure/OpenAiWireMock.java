package io.github.vigil.autoconfigure;

import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.langchain4j.model.openai.OpenAiChatModel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * WireMock playing the OpenAI chat-completions API: on a user message containing {@code tool:<name>} it asks for
 * that tool, once a tool result is in the conversation it answers, and {@code fault:<kind>} messages fail like a
 * provider does.
 */
final class OpenAiWireMock {

	static final int FIRST_PROMPT_TOKENS = 120;

	static final int FIRST_COMPLETION_TOKENS = 18;

	static final int FIRST_CACHED_TOKENS = 64;

	static final int FIRST_REASONING_TOKENS = 4;

	static final int SECOND_PROMPT_TOKENS = 160;

	static final int SECOND_COMPLETION_TOKENS = 25;

	static final String MODEL = "gpt-4o-mini";

	static final String RESPONSE_MODEL = "gpt-4o-mini-2024-07-18";

	private static final String TOOL_RESULT_PRESENT = "$.messages[?(@.role == 'tool')]";

	private OpenAiWireMock() {
	}

	static void stubToolCall(WireMockServer server, String tool) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(5)
			.withRequestBody(containing("tool:" + tool))
			.willReturn(json("""
					{"id":"chatcmpl-1","object":"chat.completion","created":1764230000,"model":"%s",
					 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
					   {"id":"call_1","type":"function","function":{"name":"%s","arguments":"{\\"id\\":\\"ORD-10042\\"}"}}]},
					   "finish_reason":"tool_calls"}],
					 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d,
					   "prompt_tokens_details":{"cached_tokens":%d},"completion_tokens_details":{"reasoning_tokens":%d}}}
					""".formatted(RESPONSE_MODEL, tool, FIRST_PROMPT_TOKENS, FIRST_COMPLETION_TOKENS,
					FIRST_PROMPT_TOKENS + FIRST_COMPLETION_TOKENS, FIRST_CACHED_TOKENS, FIRST_REASONING_TOKENS))));
	}

	static void stubAnswerAfterToolResult(WireMockServer server) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(3)
			.withRequestBody(matchingJsonPath(TOOL_RESULT_PRESENT))
			.willReturn(json("""
					{"id":"chatcmpl-2","object":"chat.completion","created":1764230001,"model":"%s",
					 "choices":[{"index":0,"message":{"role":"assistant","content":"Your order ORD-10042 has shipped."},
					   "finish_reason":"stop"}],
					 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
					""".formatted(RESPONSE_MODEL, SECOND_PROMPT_TOKENS, SECOND_COMPLETION_TOKENS,
					SECOND_PROMPT_TOKENS + SECOND_COMPLETION_TOKENS))));
	}

	static void stubFaults(WireMockServer server) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(containing("fault:server-error"))
			.willReturn(aResponse().withStatus(500)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"error\":{\"message\":\"The server had an error\",\"type\":\"server_error\"}}")));
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(containing("fault:reset"))
			.willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(containing("fault:slow"))
			.willReturn(json("{}").withFixedDelay(3_000)));
	}

	static void stubStreaming(WireMockServer server) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2)
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.willReturn(sse(
					"{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + RESPONSE_MODEL
							+ "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,"
							+ "\"id\":\"call_9\",\"type\":\"function\",\"function\":{\"name\":\"lookupOrder\",\"arguments\":\"\"}}]},"
							+ "\"finish_reason\":null}]}",
					"{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + RESPONSE_MODEL
							+ "\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":"
							+ "{\"arguments\":\"{\\\"id\\\":\\\"ORD-10042\\\"}\"}}]},\"finish_reason\":null}]}",
					"{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + RESPONSE_MODEL
							+ "\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
					usageChunk(FIRST_PROMPT_TOKENS, FIRST_COMPLETION_TOKENS))));
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.stream", equalTo("true")))
			.withRequestBody(matchingJsonPath(TOOL_RESULT_PRESENT))
			.willReturn(sse(
					"{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + RESPONSE_MODEL
							+ "\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Your order \"},"
							+ "\"finish_reason\":null}]}",
					"{\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + RESPONSE_MODEL
							+ "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"has shipped.\"},\"finish_reason\":\"stop\"}]}",
					usageChunk(SECOND_PROMPT_TOKENS, SECOND_COMPLETION_TOKENS))));
	}

	private static String usageChunk(int prompt, int completion) {
		return "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + RESPONSE_MODEL
				+ "\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
				+ ",\"total_tokens\":" + (prompt + completion) + "}}";
	}

	/**
	 * An OpenAI chat completion asking for one tool call.
	 */
	static ResponseDefinitionBuilder toolCall(String tool, String id) {
		return json("""
				{"id":"chatcmpl-t","object":"chat.completion","created":1764230000,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
				   {"id":"call_%s","type":"function","function":{"name":"%s","arguments":"{\\"id\\":\\"%s\\"}"}}]},
				   "finish_reason":"tool_calls"}],
				 "usage":{"prompt_tokens":200,"completion_tokens":20,"total_tokens":220}}
				""".formatted(RESPONSE_MODEL, id, tool, id));
	}

	/**
	 * An OpenAI chat completion answering with text.
	 */
	static ResponseDefinitionBuilder answer(String text) {
		return json("""
				{"id":"chatcmpl-a","object":"chat.completion","created":1764230000,"model":"%s",
				 "choices":[{"index":0,"message":{"role":"assistant","content":"%s"},"finish_reason":"stop"}],
				 "usage":{"prompt_tokens":300,"completion_tokens":30,"total_tokens":330}}
				""".formatted(RESPONSE_MODEL, text));
	}

	/**
	 * The chat model the test applications talk to WireMock with.
	 */
	static OpenAiChatModel chatModel(String baseUrl) {
		return OpenAiChatModel.builder()
			.baseUrl(baseUrl)
			.apiKey("test-key")
			.modelName(MODEL)
			.timeout(Duration.ofSeconds(2))
			.maxRetries(0)
			.build();
	}

	private static ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	private static ResponseDefinitionBuilder sse(String... chunks) {
		StringBuilder body = new StringBuilder();
		for (String chunk : chunks) {
			body.append("data: ").append(chunk).append("\n\n");
		}
		body.append("data: [DONE]\n\n");
		return aResponse().withStatus(200).withHeader("Content-Type", "text/event-stream").withBody(body.toString());
	}

}
