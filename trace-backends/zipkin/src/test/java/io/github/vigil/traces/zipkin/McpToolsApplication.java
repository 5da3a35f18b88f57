package io.github.vigil.traces.zipkin;

import java.io.IOException;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.test.McpOrdersServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An agent whose tools an MCP server serves (LangChain4j's MCP client over streamable HTTP, against
 * {@link McpOrdersServer}): it looks an order up,
 * then tries to cancel it, which the server reports as an error ({@code isError}). The client passes each request's
 * trace context in its {@code _meta}, from {@link Vigil#traceMeta()}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class McpToolsApplication {

	static final String ANSWER_PREFIX = "Cancelling failed: ";

	@Bean
	ChatModel chatModel() {
		return new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				long results = request.messages().stream().filter(ToolExecutionResultMessage.class::isInstance).count();
				boolean refund = request.messages().get(0) instanceof dev.langchain4j.data.message.UserMessage first
						&& first.singleText().startsWith("Refund");
				if (results < 2 && !refund) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from(ToolExecutionRequest.builder()
							.id("call-" + results)
							.name((results == 0) ? "lookupOrder" : "cancelOrder")
							.arguments("{\"id\":\"ORD-1\"}")
							.build()))
						.build();
				}
				if (request.messages().get(0) instanceof dev.langchain4j.data.message.UserMessage user
						&& user.singleText().startsWith("Refund")) {
					return ChatResponse.builder().aiMessage(AiMessage.from("Sorry it arrived broken.")).build();
				}
				ToolExecutionResultMessage last = (ToolExecutionResultMessage) request.messages()
					.stream()
					.filter(ToolExecutionResultMessage.class::isInstance)
					.reduce((first, second) -> second)
					.orElseThrow();
				boolean told = request.messages()
					.stream()
					.anyMatch((message) -> message instanceof dev.langchain4j.data.message.UserMessage user
							&& user.singleText().contains("Name the order"));
				// vague first, so that the output guardrail asks once more
				return ChatResponse.builder()
					.aiMessage(AiMessage.from(told ? ANSWER_PREFIX + last.text() : "Cancelling failed."))
					.build();
			}
		};
	}

	@Bean(destroyMethod = "close")
	McpClient ordersClient(McpOrdersServer server, ObjectProvider<Vigil> vigil) {
		return new DefaultMcpClient.Builder().key("orders")
			.transport(new StreamableHttpMcpTransport.Builder().url(server.url()).build())
			.metaSupplier((call) -> vigil.getObject().traceMeta())
			.build();
	}

	@Bean(destroyMethod = "stop")
	McpOrdersServer ordersServer() throws IOException {
		return new McpOrdersServer();
	}

	@Bean
	Clerk clerk(ChatModel chatModel, McpClient ordersClient) {
		return AiServices.builder(Clerk.class)
			.chatModel(chatModel)
			.toolProvider(McpToolProvider.builder().mcpClients(ordersClient).build())
			.outputGuardrails(new NamesTheOrder())
			.build();
	}

	@Bean
	RefundReader refundReader(ChatModel chatModel) {
		return AiServices.builder(RefundReader.class).chatModel(chatModel).build();
	}

	record Refund(String orderId, double amount) {
	}

	interface RefundReader {

		Refund read(String message);

	}

	/** Asks once more when the answer names no order. */
	static final class NamesTheOrder implements dev.langchain4j.guardrail.OutputGuardrail {

		@Override
		public dev.langchain4j.guardrail.OutputGuardrailResult validate(AiMessage answer) {
			return answer.text().contains("ORD-") ? success()
					: reprompt("the answer names no order", "Name the order id in your answer.");
		}

	}

	interface Clerk {

		String chat(String message);

	}

}
