package io.github.vigil.traces.zipkin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.invocation.InvocationParameters;
import io.github.vigil.Vigil;
import io.github.vigil.autoconfigure.traces.TracedAgentApplication;
import io.github.vigil.autoconfigure.traces.TracedAgentApplication.SupportAgent;
import io.github.vigil.autoconfigure.traces.TracedWebApplication;
import io.github.vigil.test.McpOrdersServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's trace in a real Zipkin server: a Boot application configured only with Boot's tracing properties (the
 * Brave bridge and the Zipkin reporter) sends it, and Zipkin's API gives it back nested as
 * {@code invoke_agent SupportAgent} > {@code chat gpt-4o-mini} and {@code execute_tool lookupOrderV1}, with the
 * GenAI tags, and the HTML page as an error span with {@code error.type}.
 */
class ZipkinTracesTests {

	private static final Path SERVER_JAR = Path.of("target/zipkin/zipkin-server.jar");

	private static Process zipkin;

	private static int port;

	private final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void startZipkin() throws Exception {
		port = freePort();
		Path log = Files.createTempFile("zipkin", ".log");
		zipkin = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
				"-jar", SERVER_JAR.toString(), "--server.port=" + port)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline) {
			if (!zipkin.isAlive()) {
				throw new IllegalStateException("Zipkin exited: " + Files.readString(log));
			}
			try {
				if (get("/health").statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYet) {
				// starting
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException("Zipkin did not start in 90 s: " + Files.readString(log));
	}

	@AfterAll
	static void stopZipkin() throws Exception {
		if (zipkin != null) {
			zipkin.destroy();
			if (!zipkin.waitFor(20, TimeUnit.SECONDS)) {
				zipkin.destroyForcibly();
			}
		}
	}

	@Test
	void aRunIsOneNestedTraceInZipkinWithItsGenAiTagsAndTheHtmlFailureAsAnErrorSpan() throws Exception {
		String storedTraceId;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TracedAgentApplication.class)
			.properties("spring.application.name=support-agent", "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "management.tracing.sampling.probability=1.0",
					"management.tracing.export.zipkin.endpoint=http://localhost:" + port + "/api/v2/spans",
					"vigil.alerts.enabled=false")
			.run()) {
			String answer = app.getBean(SupportAgent.class)
				.chat("c-7", "Where is ORD-10042? Use v1.", InvocationParameters.from("userId", "u-42"));
			assertThat(answer).isEqualTo(TracedAgentApplication.ANSWER);
			Vigil vigil = app.getBean(Vigil.class);
			vigil.flushRuns(Duration.ofSeconds(5));
			vigil.flushScores(Duration.ofSeconds(5));
			storedTraceId = io.github.vigil.store.Triage.of(vigil).runs("u-42", 1).get(0).traceId();
		}

		List<JsonNode> spans = trace();
		Map<String, JsonNode> byName = new HashMap<>();
		spans.forEach((span) -> byName.put(span.path("name").asText(), span));
		JsonNode run = byName.get("invoke_agent supportagent");
		assertThat(run).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(run.has("parentId")).isFalse();
		assertThat(storedTraceId).as("the run store links the run to its trace").isEqualTo(run.path("traceId").asText());
		List<JsonNode> chats = spans.stream().filter((span) -> span.path("name").asText().startsWith("chat ")).toList();
		assertThat(chats).hasSize(2).allSatisfy((chat) -> {
			assertThat(chat.path("parentId").asText()).isEqualTo(run.path("id").asText());
			assertThat(chat.path("name").asText()).isEqualTo("chat gpt-4o-mini");
			assertThat(chat.path("tags").path("gen_ai.provider.name").asText()).isEqualTo("openai");
			assertThat(chat.path("tags").path("gen_ai.request.model").asText()).isEqualTo("gpt-4o-mini");
			assertThat(chat.path("tags").path("gen_ai.response.model").asText()).isEqualTo("gpt-4o-mini-2024-07-18");
			assertThat(chat.path("tags").path("gen_ai.agent.name").asText()).isEqualTo("SupportAgent");
			assertThat(chat.path("tags").path("gen_ai.usage.cost.currency").asText()).isEqualTo("USD");
		});
		JsonNode tool = byName.get("execute_tool lookuporderv1");
		assertThat(tool).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(tool.path("parentId").asText()).isEqualTo(run.path("id").asText());
		assertThat(tool.path("tags").path("error.type").asText()).isEqualTo("html_response");
		assertThat(tool.path("tags").path("outcome").asText()).isEqualTo("error");
		assertThat(tool.path("tags").path("gen_ai.tool.name").asText()).isEqualTo("lookupOrderV1");
		assertThat(run.path("tags").path("gen_ai.agent.name").asText()).isEqualTo("SupportAgent");
		assertThat(run.path("tags").path("user.id").asText()).isEqualTo("u-42");
		assertThat(run.path("tags").path("session.id").asText()).isEqualTo("c-7");
		assertThat(run.path("tags").path("gen_ai.usage.input_tokens").asText()).isEqualTo("300");
		assertThat(run.path("tags").has("gen_ai.input.messages")).as("no content without opting in").isFalse();
		// the knowledge base and the guardrail are steps of the run too
		JsonNode retrieval = byName.get("retrieval policies");
		assertThat(retrieval).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(retrieval.path("parentId").asText()).isEqualTo(run.path("id").asText());
		assertThat(retrieval.path("tags").path("gen_ai.operation.name").asText()).isEqualTo("retrieval");
		assertThat(retrieval.path("tags").path("gen_ai.data_source.id").asText()).isEqualTo("policies");
		assertThat(retrieval.path("tags").path("results").asText()).isEqualTo("1");
		JsonNode guardrail = byName.get("guardrail polite");
		assertThat(guardrail).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(guardrail.path("parentId").asText()).isEqualTo(run.path("id").asText());
		assertThat(guardrail.path("tags").path("result").asText()).isEqualTo("success");
		// scored after the run ended, on the scoring thread, under the run's span
		JsonNode resolution = byName.get("evaluate resolution");
		assertThat(resolution).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(resolution.path("parentId").asText()).isEqualTo(run.path("id").asText());
		assertThat(resolution.path("tags").path("gen_ai.evaluation.name").asText()).isEqualTo("resolution");
		assertThat(resolution.path("tags").path("gen_ai.evaluation.score.value").asText()).isEqualTo("1.0");
		assertThat(resolution.path("tags").path("gen_ai.evaluation.score.label").asText()).isEqualTo("resolved");
		assertThat(resolution.path("annotations").get(0).path("value").asText()).isEqualTo("gen_ai.evaluation.result");
		assertThat(byName.get("evaluate tool-success").path("tags").path("gen_ai.evaluation.score.value").asText())
			.isEqualTo("0.0");
	}

	@Test
	void aRunServedInsideAWebRequestNestsItsStepsUnderItsOwnSpanAndItUnderTheRequests() throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TracedWebApplication.class)
			.properties("spring.application.name=support-web", "server.port=0", "spring.main.banner-mode=off",
					"management.tracing.sampling.probability=1.0",
					"management.tracing.export.zipkin.endpoint=http://localhost:" + port + "/api/v2/spans",
					"vigil.alerts.enabled=false", "vigil.evals.enabled=false")
			.run()) {
			int appPort = ((org.springframework.boot.web.server.context.WebServerApplicationContext) app).getWebServer()
				.getPort();
			for (String message : List.of("Where is ORD-10042? Use v1.", "Where is ORD-10042?")) {
				HttpResponse<String> response = HttpClient.newHttpClient()
					.send(HttpRequest.newBuilder(URI.create("http://localhost:" + appPort + "/chat?user=u-9&conversation=c-9"))
						.POST(HttpRequest.BodyPublishers.ofString(message))
						.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(response.statusCode()).isEqualTo(200);
				assertThat(response.body()).isEqualTo(TracedAgentApplication.ANSWER);
			}
		}

		List<List<JsonNode>> traces = traces("support-web", 2, 5);
		for (List<JsonNode> spans : traces) {
			Map<String, JsonNode> byName = new HashMap<>();
			spans.forEach((span) -> byName.put(span.path("name").asText(), span));
			JsonNode request = byName.get("http post /chat");
			JsonNode run = byName.get("invoke_agent supportagent");
			assertThat(request).as("spans: %s", byName.keySet()).isNotNull();
			assertThat(run).as("spans: %s", byName.keySet()).isNotNull();
			assertThat(run.path("parentId").asText()).as("the run is a child of the request")
				.isEqualTo(request.path("id").asText());
			List<JsonNode> steps = spans.stream()
				.filter((span) -> span.path("name").asText().startsWith("chat ")
						|| span.path("name").asText().startsWith("execute_tool "))
				.toList();
			assertThat(steps).hasSize(3).allSatisfy((step) -> assertThat(step.path("parentId").asText())
				.as("%s is a child of its run", step.path("name").asText())
				.isEqualTo(run.path("id").asText()));
			assertThat(run.path("tags").has("error")).as("a completed run is no error").isFalse();
			assertThat(run.path("tags").has("error.type")).as("error.type only on failure").isFalse();
			steps.stream().filter((step) -> step.path("name").asText().startsWith("chat ")).forEach((chat) -> {
				assertThat(chat.path("tags").has("error")).isFalse();
				assertThat(chat.path("tags").has("error.type")).isFalse();
			});
		}
		JsonNode failed = traces.stream()
			.flatMap(List::stream)
			.filter((span) -> span.path("name").asText().equals("execute_tool lookuporderv1"))
			.findFirst()
			.orElseThrow();
		assertThat(failed.path("tags").path("error").asText()).as("Zipkin shows the HTML page as a failed call")
			.isEqualTo("html_response");
		assertThat(failed.path("tags").path("error.type").asText()).isEqualTo("html_response");
		JsonNode succeeded = traces.stream()
			.flatMap(List::stream)
			.filter((span) -> span.path("name").asText().equals("execute_tool lookuporder"))
			.findFirst()
			.orElseThrow();
		assertThat(succeeded.path("tags").has("error")).isFalse();
		assertThat(succeeded.path("tags").has("error.type")).isFalse();
		assertThat(succeeded.path("tags").path("outcome").asText()).isEqualTo("success");
	}

	@Test
	void aWorkflowIsOneTraceWithEachSubAgentsSpanUnderTheWorkflowsAndItsStepsUnderIt() throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(WorkflowApplication.class)
			.properties("spring.application.name=support-workflow", "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "management.tracing.sampling.probability=1.0",
					"management.tracing.export.zipkin.endpoint=http://localhost:" + port + "/api/v2/spans",
					"vigil.alerts.enabled=false", "vigil.evals.enabled=false")
			.run()) {
			Object answer = app.getBean("supportWorkflow", dev.langchain4j.agentic.UntypedAgent.class)
				.invoke(Map.of("request", "Where is ORD-10042?", "userId", "u-7"));
			assertThat(answer).isEqualTo(TracedAgentApplication.ANSWER);
		}

		List<JsonNode> spans = trace("support-workflow", 6);
		Map<String, JsonNode> byName = new HashMap<>();
		spans.forEach((span) -> byName.put(span.path("name").asText(), span));
		JsonNode workflow = byName.get("invoke_workflow support-workflow");
		JsonNode triage = byName.get("invoke_agent triage");
		JsonNode orders = byName.get("invoke_agent orders");
		assertThat(workflow).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(workflow.has("parentId")).isFalse();
		assertThat(workflow.path("tags").path("user.id").asText()).isEqualTo("u-7");
		assertThat(triage.path("parentId").asText()).isEqualTo(workflow.path("id").asText());
		assertThat(orders.path("parentId").asText()).isEqualTo(workflow.path("id").asText());
		assertThat(orders.path("tags").path("gen_ai.agent.name").asText()).isEqualTo("orders");
		JsonNode tool = byName.get("execute_tool lookuporder");
		assertThat(tool.path("parentId").asText()).isEqualTo(orders.path("id").asText());
		assertThat(spans.stream().filter((span) -> span.path("name").asText().startsWith("chat ")))
			.hasSize(3)
			.allSatisfy((chat) -> assertThat(chat.path("parentId").asText()).isIn(triage.path("id").asText(),
					orders.path("id").asText()));
	}

	@Test
	void toolsAnMcpServerServesAreSpansWithTheirServerAndTheServerGetsTheTraceInTheRequestsMeta() throws Exception {
		McpOrdersServer server;
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(McpToolsApplication.class)
			.properties("spring.application.name=support-mcp", "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "management.tracing.sampling.probability=1.0",
					"management.tracing.export.zipkin.endpoint=http://localhost:" + port + "/api/v2/spans",
					"vigil.alerts.enabled=false", "vigil.evals.enabled=false")
			.run()) {
			String answer = app.getBean(McpToolsApplication.Clerk.class).chat("Cancel ORD-1");
			assertThat(answer).isEqualTo(McpToolsApplication.ANSWER_PREFIX + McpOrdersServer.LOCKED);
			assertThat(org.assertj.core.api.Assertions.catchThrowable(
					() -> app.getBean(McpToolsApplication.RefundReader.class).read("Refund ORD-1, it broke")))
				.isInstanceOf(dev.langchain4j.service.output.OutputParsingException.class);
			server = app.getBean(McpOrdersServer.class);
		}

		// the clerk's run: itself, six model calls, four tool calls with their MCP requests, two guardrail checks
		List<List<JsonNode>> traces = List.of();
		List<JsonNode> spans = List.of();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (spans.size() < 17 && System.nanoTime() < deadline) {
			traces = traces("support-mcp", 2, 2);
			spans = traces.stream()
				.filter((trace) -> trace.stream()
					.anyMatch((span) -> span.path("name").asText().equals("invoke_agent clerk")))
				.findFirst()
				.orElse(List.of());
		}
		JsonNode unparsed = traces.stream()
			.flatMap(List::stream)
			.filter((span) -> span.path("name").asText().equals("invoke_agent refundreader"))
			.findFirst()
			.orElseThrow();
		assertThat(unparsed.path("tags").path("error.type").asText()).isEqualTo("output_parsing");
		Map<String, JsonNode> byName = new HashMap<>();
		spans.forEach((span) -> byName.put(span.path("name").asText(), span));
		JsonNode run = byName.get("invoke_agent clerk");
		JsonNode cancel = byName.get("execute_tool cancelorder");
		JsonNode cancelRequest = byName.get("tools/call cancelorder");
		assertThat(run).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(cancel).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(cancelRequest).as("spans: %s", byName.keySet()).isNotNull();
		assertThat(cancel.path("parentId").asText()).isEqualTo(run.path("id").asText());
		assertThat(cancel.path("tags").path("vigil.mcp.server").asText()).isEqualTo("orders");
		assertThat(cancel.path("tags").path("mcp.method.name").asText()).isEqualTo("tools/call");
		assertThat(cancel.path("tags").path("error.type").asText()).as("the server's isError is a failed call")
			.isEqualTo("tool_error");
		List<String> cancels = spans.stream()
			.filter((span) -> span.path("name").asText().equals("execute_tool cancelorder"))
			.map((span) -> span.path("id").asText())
			.toList();
		List<JsonNode> requests = spans.stream()
			.filter((span) -> span.path("name").asText().equals("tools/call cancelorder"))
			.toList();
		assertThat(requests).hasSize(2)
			.allSatisfy((request) -> assertThat(request.path("parentId").asText()).as("under its tool call")
				.isIn(cancels));
		List<String> cancelRequests = requests.stream().map((request) -> request.path("id").asText()).toList();
		assertThat(cancelRequest.path("kind").asText()).isEqualTo("CLIENT");
		assertThat(cancelRequest.path("tags").path("error.type").asText()).isEqualTo("tool_error");
		assertThat(byName.get("execute_tool lookuporder").path("tags").has("error.type")).isFalse();
		assertThat(spans.stream()
			.filter((span) -> span.path("name").asText().equals("guardrail namestheorder"))
			.map((span) -> span.path("tags").path("result").asText())).containsExactlyInAnyOrder("reprompt", "success");
		// the server got each request's span as the parent of whatever it does: its spans join the run's trace
		// looked up and cancelled, then again after the output guardrail's reprompt (the service has no memory)
		assertThat(server.calledTools()).containsExactly("lookupOrder", "cancelOrder", "lookupOrder", "cancelOrder");
		String traceparent = server.callMeta().get(3).path("traceparent").asText();
		assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
		assertThat(traceparent.substring(3, 35)).isEqualTo(padded(run.path("traceId").asText()));
		assertThat(traceparent.substring(36, 52)).isIn(cancelRequests);
	}

	/** Zipkin drops the leading zeros of a 128-bit trace id only when its high half is zero; W3C never does. */
	private static String padded(String traceId) {
		return "0".repeat(32 - traceId.length()) + traceId;
	}

	/** A two-agent workflow of agent beans built with AgenticServices: triage, then the orders agent. */
	@org.springframework.boot.SpringBootConfiguration
	@org.springframework.boot.autoconfigure.EnableAutoConfiguration
	static class WorkflowApplication {

		@org.springframework.context.annotation.Bean
		dev.langchain4j.model.chat.ChatModel chatModel() {
			return new dev.langchain4j.model.chat.ChatModel() {
				@Override
				public dev.langchain4j.model.chat.response.ChatResponse doChat(
						dev.langchain4j.model.chat.request.ChatRequest request) {
					var messages = request.messages();
					var last = messages.get(messages.size() - 1);
					dev.langchain4j.data.message.AiMessage reply;
					if (last instanceof dev.langchain4j.data.message.ToolExecutionResultMessage) {
						reply = dev.langchain4j.data.message.AiMessage.from(TracedAgentApplication.ANSWER);
					}
					else if (((dev.langchain4j.data.message.UserMessage) last).singleText().startsWith("Classify")) {
						reply = dev.langchain4j.data.message.AiMessage.from("ORDER");
					}
					else {
						reply = dev.langchain4j.data.message.AiMessage.from(dev.langchain4j.agent.tool.ToolExecutionRequest
							.builder()
							.id("call-1")
							.name("lookupOrder")
							.arguments("{\"id\":\"ORD-10042\"}")
							.build());
					}
					return dev.langchain4j.model.chat.response.ChatResponse.builder()
						.aiMessage(reply)
						.modelName("gpt-4o-mini")
						.tokenUsage(new dev.langchain4j.model.output.TokenUsage(20, 5))
						.build();
				}
			};
		}

		@org.springframework.context.annotation.Bean
		Triage triage(dev.langchain4j.model.chat.ChatModel chatModel) {
			return dev.langchain4j.agentic.AgenticServices.agentBuilder(Triage.class).chatModel(chatModel).build();
		}

		@org.springframework.context.annotation.Bean
		Orders orders(dev.langchain4j.model.chat.ChatModel chatModel) {
			return dev.langchain4j.agentic.AgenticServices.agentBuilder(Orders.class)
				.chatModel(chatModel)
				.tools(new TracedAgentApplication.Orders())
				.build();
		}

		@org.springframework.context.annotation.Bean
		dev.langchain4j.agentic.UntypedAgent supportWorkflow(Triage triage, Orders orders) {
			return dev.langchain4j.agentic.AgenticServices.sequenceBuilder()
				.name("support-workflow")
				.subAgents(triage, orders)
				.outputKey("answer")
				.build();
		}

	}

	public interface Triage {

		@dev.langchain4j.service.UserMessage("Classify this support request as ORDER or REFUND: {{request}}")
		@dev.langchain4j.agentic.Agent(name = "triage", outputKey = "category")
		String classify(@dev.langchain4j.service.V("request") String request);

	}

	public interface Orders {

		@dev.langchain4j.service.UserMessage("Answer the {{category}} request: {{request}}")
		@dev.langchain4j.agentic.Agent(name = "orders", outputKey = "answer")
		String answer(@dev.langchain4j.service.V("category") String category,
				@dev.langchain4j.service.V("request") String request);

	}

	/** The service's one trace, once Zipkin has the run's four spans and its four evaluations. */
	private List<JsonNode> trace() throws Exception {
		return trace("support-agent", 8);
	}

	/** A service's traces, once Zipkin has so many of them, each with at least so many spans. */
	private List<List<JsonNode>> traces(String service, int count, int atLeast) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		List<List<JsonNode>> found = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = get("/api/v2/traces?serviceName=" + service + "&limit=10");
			found.clear();
			for (JsonNode trace : this.json.readTree(response.body())) {
				List<JsonNode> spans = new ArrayList<>();
				trace.forEach(spans::add);
				if (spans.size() >= atLeast) {
					found.add(spans);
				}
			}
			if (found.size() >= count) {
				return found;
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Zipkin has not received " + count + " traces of " + service + " in 30 s: " + found);
	}

	/** A service's one trace, once Zipkin has at least so many of its spans. */
	private List<JsonNode> trace(String service, int atLeast) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		List<JsonNode> spans = new ArrayList<>();
		while (System.nanoTime() < deadline) {
			HttpResponse<String> response = get("/api/v2/traces?serviceName=" + service + "&limit=10");
			spans.clear();
			JsonNode traces = this.json.readTree(response.body());
			if (traces.size() == 1) {
				traces.get(0).forEach(spans::add);
				if (spans.size() >= atLeast) {
					return spans;
				}
			}
			Thread.sleep(250);
		}
		throw new AssertionError("Zipkin has not received " + atLeast + " spans of " + service + " in 30 s: " + spans);
	}

	private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(2))
			.build()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
