package io.github.vigil.autoconfigure.traces;

import java.util.List;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * The application the trace-backend tests run: a support agent whose model asks for {@code lookupOrder}, or for
 * {@code lookupOrderV1} (an HTML page: a failing tool call) when the message says {@code v1}, then answers. Tracing
 * comes from Boot's own auto-configuration and properties, nothing else.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TracedAgentApplication {

	/** The message the model answers with. */
	public static final String ANSWER = "Your order ORD-10042 has shipped.";

	@Bean
	ChatModel chatModel() {
		return new LookupModel();
	}

	/** The shop's policies: one for every question. */
	@Bean
	ContentRetriever policies() {
		return (query) -> List.of(Content.from("Orders ship within two days."));
	}

	@Bean
	SupportAgent supportAgent(ChatModel chatModel, ContentRetriever policies) {
		return AiServices.builder(SupportAgent.class)
			.chatModel(chatModel)
			.tools(new Orders())
			.contentRetriever(policies)
			.inputGuardrails(new Polite())
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(20))
			.build();
	}

	/** Lets every message through. */
	static final class Polite implements InputGuardrail {

		@Override
		public InputGuardrailResult validate(UserMessage message) {
			return success();
		}

	}

	/** The agent. */
	public interface SupportAgent {

		String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String message,
				InvocationParameters parameters);

	}

	/** The orders backend: v2 answers JSON, the retired v1 an HTML error page. */
	public static class Orders {

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

		@Tool("Looks up an order on the retired v1 API")
		public String lookupOrderV1(String id) {
			return "<!DOCTYPE html><html><head><title>410 Gone</title></head><body>retired</body></html>";
		}

	}

	/** Asks for the lookup the message names, then answers; reports usage as gpt-4o-mini. */
	static final class LookupModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			if (messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage) {
				return response(AiMessage.from(ANSWER), FinishReason.STOP, 180, 12);
			}
			String user = ((UserMessage) messages.get(messages.size() - 1)).singleText();
			return response(AiMessage.from(ToolExecutionRequest.builder()
				.id("call-1")
				.name(user.contains("v1") ? "lookupOrderV1" : "lookupOrder")
				.arguments("{\"arg0\":\"ORD-10042\"}")
				.build()), FinishReason.TOOL_EXECUTION, 120, 18);
		}

		private static ChatResponse response(AiMessage message, FinishReason finish, int input, int output) {
			return ChatResponse.builder()
				.aiMessage(message)
				.modelName("gpt-4o-mini-2024-07-18")
				.finishReason(finish)
				.tokenUsage(new TokenUsage(input, output))
				.build();
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return ChatRequestParameters.builder().modelName("gpt-4o-mini").build();
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

}
