package io.github.vigil.leaveout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A support agent served over HTTP, for the applications that leave modules out: {@code GET /support?message=...}
 * asks an AI service whose model looks the order up with a tool once, then answers with a tracking link.
 */
@Configuration(proxyBeanMethods = false)
public class SupportAgent {

	/** What the agent answers. */
	public static final String ANSWER = "ORD-1 is pending: see https://shop.example/tracking/ORD-1";

	@Bean
	ChatModel chatModel() {
		return new Model();
	}

	@Bean
	Assistant assistant(ChatModel chatModel) {
		return AiServices.builder(Assistant.class).chatModel(chatModel).tools(new Orders()).build();
	}

	/**
	 * Sends a GET to the application.
	 * @param port the application's port
	 * @param path the path with its query
	 * @return the response
	 */
	public static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	interface Assistant {

		String chat(String message);

	}

	public static class Orders {

		@Tool
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"pending\"}";
		}

	}

	/** Looks the order up once, then answers with a link no knowledge base backs. */
	static final class Model implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			boolean looked = request.messages().stream().anyMatch(ToolExecutionResultMessage.class::isInstance);
			AiMessage reply = looked ? AiMessage.from(ANSWER) : AiMessage.from(ToolExecutionRequest.builder()
				.id("call-1")
				.name("lookupOrder")
				.arguments("{\"arg0\":\"ORD-1\"}")
				.build());
			return ChatResponse.builder()
				.aiMessage(reply)
				.modelName("gpt-4o-mini")
				.tokenUsage(new TokenUsage(120, 15))
				.build();
		}

	}

	/** A bean as this configuration's member class. */
	@RestController
	static class SupportController {

		private final Assistant assistant;

		SupportController(Assistant assistant) {
			this.assistant = assistant;
		}

		@GetMapping("/support")
		String support(@RequestParam String message) {
			return this.assistant.chat(message);
		}

	}

}
