package io.github.vigil.traces.zipkin;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An agent whose tools an MCP server serves (LangChain4j's MCP client over streamable HTTP): it looks an order up,
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
				if (results < 2) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from(ToolExecutionRequest.builder()
							.id("call-" + results)
							.name((results == 0) ? "lookupOrder" : "cancelOrder")
							.arguments("{\"id\":\"ORD-1\"}")
							.build()))
						.build();
				}
				ToolExecutionResultMessage last = (ToolExecutionResultMessage) request.messages()
					.get(request.messages().size() - 1);
				return ChatResponse.builder().aiMessage(AiMessage.from(ANSWER_PREFIX + last.text())).build();
			}
		};
	}

	@Bean(destroyMethod = "close")
	McpClient ordersClient(OrdersServer server, ObjectProvider<Vigil> vigil) {
		return new DefaultMcpClient.Builder().key("orders")
			.transport(new StreamableHttpMcpTransport.Builder().url(server.url()).build())
			.metaSupplier((call) -> vigil.getObject().traceMeta())
			.build();
	}

	@Bean(destroyMethod = "stop")
	OrdersServer ordersServer() throws IOException {
		return new OrdersServer();
	}

	@Bean
	Clerk clerk(ChatModel chatModel, McpClient ordersClient) {
		return AiServices.builder(Clerk.class)
			.chatModel(chatModel)
			.toolProvider(McpToolProvider.builder().mcpClients(ordersClient).build())
			.build();
	}

	interface Clerk {

		String chat(String message);

	}

	/** A minimal MCP server: two tools, the second reported as failed; it keeps each tool call's {@code _meta}. */
	static final class OrdersServer {

		final List<JsonNode> callMeta = new CopyOnWriteArrayList<>();

		private final ObjectMapper json = new ObjectMapper();

		private final HttpServer server;

		OrdersServer() throws IOException {
			this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			this.server.createContext("/mcp", this::answer);
			this.server.start();
		}

		String url() {
			return "http://localhost:" + this.server.getAddress().getPort() + "/mcp";
		}

		void stop() {
			this.server.stop(0);
		}

		private void answer(HttpExchange exchange) throws IOException {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				exchange.close();
				return;
			}
			JsonNode request = this.json.readTree(exchange.getRequestBody());
			if (!request.has("id")) {
				exchange.sendResponseHeaders(202, -1);
				exchange.close();
				return;
			}
			ObjectNode result = this.json.createObjectNode();
			switch (request.path("method").asText()) {
				case "initialize" -> {
					result.put("protocolVersion", request.path("params").path("protocolVersion").asText("2025-06-18"));
					result.putObject("capabilities").putObject("tools");
					result.putObject("serverInfo").put("name", "orders").put("version", "1.0");
				}
				case "tools/list" -> {
					var tools = result.putArray("tools");
					for (String name : List.of("lookupOrder", "cancelOrder")) {
						ObjectNode tool = tools.addObject().put("name", name).put("description", name + " by id");
						ObjectNode schema = tool.putObject("inputSchema").put("type", "object");
						schema.putObject("properties").putObject("id").put("type", "string");
						schema.putArray("required").add("id");
					}
				}
				case "tools/call" -> {
					this.callMeta.add(request.path("params").path("_meta"));
					boolean cancel = "cancelOrder".equals(request.path("params").path("name").asText());
					result.putArray("content")
						.addObject()
						.put("type", "text")
						.put("text", cancel ? "order ORD-1 is locked by the warehouse"
								: "{\"id\":\"ORD-1\",\"status\":\"shipped\"}");
					result.put("isError", cancel);
				}
				default -> {
				}
			}
			ObjectNode response = this.json.createObjectNode().put("jsonrpc", "2.0");
			response.set("id", request.get("id"));
			response.set("result", result);
			byte[] body = this.json.writeValueAsBytes(response);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}

	}

}
