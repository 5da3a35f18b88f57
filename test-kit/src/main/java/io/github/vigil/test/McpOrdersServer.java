package io.github.vigil.test;

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

/**
 * A minimal MCP server over streamable HTTP (JSON answers, no sessions), as LangChain4j's MCP client talks to it:
 * {@code initialize}, {@code tools/list} with {@code lookupOrder} and {@code cancelOrder}, and {@code tools/call},
 * where cancelling is reported as failed ({@code isError}). It keeps each tool call's name and {@code _meta}: for
 * tests of an agent whose tools an MCP server serves.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class McpOrdersServer {

	/** What the server answers a cancellation with, flagged as an error. */
	public static final String LOCKED = "order ORD-1 is locked by the warehouse";

	private final List<String> calledTools = new CopyOnWriteArrayList<>();

	private final List<JsonNode> callMeta = new CopyOnWriteArrayList<>();

	private final ObjectMapper json = new ObjectMapper();

	private final HttpServer server;

	public McpOrdersServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
		this.server.createContext("/mcp", this::answer);
		this.server.start();
	}

	public String url() {
		return "http://localhost:" + this.server.getAddress().getPort() + "/mcp";
	}

	/** The tools called, in order. */
	public List<String> calledTools() {
		return this.calledTools;
	}

	/** Each tool call's {@code params._meta}, in order (a missing node when the client sent none). */
	public List<JsonNode> callMeta() {
		return this.callMeta;
	}

	public void stop() {
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
				String tool = request.path("params").path("name").asText();
				this.calledTools.add(tool);
				this.callMeta.add(request.path("params").path("_meta"));
				boolean cancel = "cancelOrder".equals(tool);
				result.putArray("content")
					.addObject()
					.put("type", "text")
					.put("text", cancel ? LOCKED : "{\"id\":\"ORD-1\",\"status\":\"shipped\"}");
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
