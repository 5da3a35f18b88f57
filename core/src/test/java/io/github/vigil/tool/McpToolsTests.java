package io.github.vigil.tool;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import io.github.vigil.store.Triage;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools served by an MCP server over streamable HTTP, through LangChain4j's MCP client (1.18.1-beta28, the newest
 * published, running on LangChain4j 1.19.0): each is a tool call of its run, and a result the server flags as an
 * error is a failed call with error type {@code tool_error}, not a success; the answer is the same as without Vigil.
 */
class McpToolsTests {

	private final ObjectMapper json = new ObjectMapper();

	private final CapturedRuns runs = new CapturedRuns();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	private HttpServer server;

	private McpClient client;

	@BeforeEach
	void startTheOrdersServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/mcp", this::answer);
		this.server.start();
		this.client = new DefaultMcpClient.Builder().key("orders")
			.transport(new StreamableHttpMcpTransport.Builder()
				.url("http://localhost:" + this.server.getAddress().getPort() + "/mcp")
				.build())
			.build();
	}

	@AfterEach
	void stop() throws Exception {
		this.client.close();
		this.server.stop(0);
		this.vigil.close();
	}

	/** A minimal MCP server: two tools, one of which the server reports as failed. */
	private void answer(HttpExchange exchange) throws IOException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			exchange.sendResponseHeaders(405, -1);
			exchange.close();
			return;
		}
		answer(exchange, this.json.readTree(exchange.getRequestBody()));
	}

	private void answer(HttpExchange exchange, JsonNode request) throws IOException {
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
				boolean cancel = "cancelOrder".equals(request.path("params").path("name").asText());
				result.putArray("content").addObject().put("type", "text")
					.put("text", cancel ? "order ORD-1 is locked by the warehouse" : "{\"id\":\"ORD-1\",\"status\":\"shipped\"}");
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

	/** Looks the order up, then cancels it, then answers with what the tools said. */
	static final class Model implements ChatModel {

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
			return ChatResponse.builder().aiMessage(AiMessage.from("Cancelling failed: " + last.text())).build();
		}

	}

	private String ask(ChatModel model) {
		return AiServices.builder(Assistant.class)
			.chatModel(model)
			.toolProvider(McpToolProvider.builder().mcpClients(this.client).build())
			.build()
			.chat("Cancel ORD-1");
	}

	@Test
	void aToolTheServerReportsFailedIsAFailedCallWithTheSameAnswerAsWithoutVigil() throws Exception {
		String without = ask(new Model());
		String with = ask(this.vigil.observe(new Model()));

		assertThat(with).isEqualTo(without).contains("locked by the warehouse");
		RunRecord run = this.runs.single();
		assertThat(run.toolCalls())
			.extracting(ToolCallRecord::tool, ToolCallRecord::success, ToolCallRecord::errorType, ToolCallRecord::server)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("lookupOrder", true, null, "orders"),
					org.assertj.core.groups.Tuple.tuple("cancelOrder", false, "tool_error", "orders"));
		JsonNode line = this.json.readTree(new io.github.vigil.log.JsonRunLog(
				new io.github.vigil.run.ContentRedactor(500, true)).format(run));
		assertThat(line.get("tool_calls").get(1).get("server").asText()).isEqualTo("orders");
		assertThat(line.get("tool_calls").get(1).get("error").asText()).isEqualTo("tool_error");
		assertThat(line.get("tool_calls").get(1).get("error_message").asText())
			.contains("locked by the warehouse");
		assertThat(this.registry.get("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", "cancelOrder", "error.type", "tool_error")
			.timer()
			.count()).isEqualTo(1);
		// errors per server as well as per tool
		assertThat(this.registry.get("mcp.client.operation.duration")
			.tags("vigil.mcp.server", "orders", "mcp.method.name", "tools/call", "error.type", "tool_error")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("mcp.client.operation.duration")
			.tags("vigil.mcp.server", "orders", "gen_ai.tool.name", "lookupOrder", "error.type", "none")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void triageSummarisesAServersToolsTogether() {
		try (Vigil stored = Vigil.builder(new SimpleMeterRegistry())
			.runStore(new io.github.vigil.store.MemoryRunStore(100))
			.runLog(false)
			.build()) {
			for (int i = 0; i < 3; i++) {
				ask(stored.observe(new Model()));
			}
			stored.flushRuns(java.time.Duration.ofSeconds(5));

			io.github.vigil.store.ServerSummary orders = Triage.of(stored).server("orders", java.time.Duration.ofMinutes(15));

			assertThat(orders.calls()).isEqualTo(6);
			assertThat(orders.errors()).isEqualTo(3);
			assertThat(orders.errorTypes()).extracting(io.github.vigil.store.ErrorTypeCount::type)
				.containsExactly("tool_error");
			assertThat(orders.tools()).extracting(io.github.vigil.store.ToolSummary::tool)
				.containsExactly("cancelOrder", "lookupOrder");
			assertThat(org.assertj.core.api.Assertions.catchThrowable(
					() -> Triage.of(stored).server("billing", java.time.Duration.ofMinutes(15))))
				.isInstanceOf(io.github.vigil.store.TriageException.class)
				.hasMessageContaining("servers: [orders]");
		}
	}

	@Test
	void aServerThatAnswersGarbageOrHangsFailsTheCallAsWithoutVigilWithOneRunLogLine() throws Exception {
		for (String fault : List.of("garbage", "hang")) {
			HttpServer broken = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
			broken.createContext("/mcp", (exchange) -> {
				if (!"POST".equals(exchange.getRequestMethod())) {
					exchange.sendResponseHeaders(405, -1);
					exchange.close();
					return;
				}
				JsonNode request = this.json.readTree(exchange.getRequestBody());
				if (!"tools/call".equals(request.path("method").asText())) {
					answer(exchange, request);
					return;
				}
				if ("hang".equals(fault)) {
					try {
						Thread.sleep(3_000);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
				byte[] body = "<html>502 Bad Gateway</html>".getBytes();
				exchange.sendResponseHeaders(200, body.length);
				try (OutputStream out = exchange.getResponseBody()) {
					out.write(body);
				}
			});
			broken.start();
			try (McpClient client = new DefaultMcpClient.Builder().key("orders")
				.transport(new StreamableHttpMcpTransport.Builder()
					.url("http://localhost:" + broken.getAddress().getPort() + "/mcp")
					.build())
				.toolExecutionTimeout(java.time.Duration.ofMillis(500))
				.build()) {
				java.util.function.Function<ChatModel, Object> ask = (model) -> {
					try {
						return AiServices.builder(Assistant.class)
							.chatModel(model)
							.toolProvider(McpToolProvider.builder().mcpClients(client).build())
							.build()
							.chat("Cancel ORD-1");
					}
					catch (RuntimeException ex) {
						return ex.getClass();
					}
				};
				int before = this.runs.all().size();
				Object without = ask.apply(new Model());
				Object with = ask.apply(this.vigil.observe(new Model()));

				assertThat(with).as(fault).isEqualTo(without);
				assertThat(this.runs.all()).as(fault).hasSize(before + 1);
				ToolCallRecord call = this.runs.all().get(before).toolCalls().get(0);
				assertThat(call.success()).as(fault + ": " + call).isFalse();
				if ("hang".equals(fault)) {
					assertThat(call.errorType()).as("the client's timeout answer").isEqualTo("timeout");
				}
				assertThat(call.server()).isEqualTo("orders");
			}
			finally {
				broken.stop(0);
			}
		}
	}

	@Test
	void withoutATracerTheTraceMetaIsEmptyAndTheCallsAreTheSame() {
		assertThat(this.vigil.traceMeta()).isEmpty();
		String without = ask(new Model());
		String with = ask(this.vigil.observe(new Model()));

		assertThat(with).isEqualTo(without).contains("locked by the warehouse");
	}

}
