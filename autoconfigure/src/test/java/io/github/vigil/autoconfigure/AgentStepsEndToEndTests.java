package io.github.vigil.autoconfigure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.mcp.McpToolProvider;
import dev.langchain4j.mcp.client.DefaultMcpClient;
import dev.langchain4j.mcp.client.McpClient;
import dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Moderate;
import io.github.vigil.Vigil;
import io.github.vigil.test.McpOrdersServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of step a support agent takes, in a Boot application served over HTTP with no Vigil code: an input
 * guardrail that refuses card numbers, an output guardrail that reprompts once, a moderation model behind
 * {@code @Moderate}, tools an MCP server serves (one of which the server reports as failed), and structured output
 * the model's words do not fit. Each shows in the run log, the meters, triage and the console's figures; and the same
 * requests against the same application without Vigil get the same answers, with the same calls to the model, the
 * MCP server and the moderation model.
 */
@SpringBootTest(classes = AgentStepsEndToEndTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus,vigil", "vigil.alerts.enabled=false",
				"vigil.evals.enabled=false" })
class AgentStepsEndToEndTests {

	/** What the test sends, in order: path and body. */
	static final List<String[]> SCRIPT = List.of(new String[] { "/chat", "Where is ORD-1?" },
			new String[] { "/chat", "Please cancel ORD-1" }, new String[] { "/chat", "My card is 4111111111111111" },
			new String[] { "/refund", "Refund ORD-1, it arrived broken" });

	private final ObjectMapper json = new ObjectMapper();

	@RegisterExtension
	final RunLogLines runLog = new RunLogLines();

	@LocalServerPort
	int port;

	@Autowired
	Scripted model;

	@Autowired
	McpOrdersServer orders;

	@Autowired
	Moderator moderator;

	@Autowired
	Vigil vigil;

	interface Clerk {

		@Moderate
		String chat(String message);

	}

	record Refund(String orderId, double amount) {
	}

	interface RefundReader {

		Refund read(String message);

	}

	/** Refuses messages that carry a card number. */
	static final class NoCardNumbers implements InputGuardrail {

		@Override
		public InputGuardrailResult validate(UserMessage message) {
			return message.singleText().matches(".*\\d{16}.*") ? failure("carries a card number") : success();
		}

	}

	/** Asks once more when the answer names no order. */
	static final class NamesTheOrder implements OutputGuardrail {

		@Override
		public OutputGuardrailResult validate(AiMessage answer) {
			return (answer.text() != null && answer.text().contains("ORD-")) ? success()
					: reprompt("the answer names no order", "Name the order id in your answer.");
		}

	}

	/** Flags threats; counts its checks. */
	static final class Moderator implements ModerationModel {

		final List<String> checked = new CopyOnWriteArrayList<>();

		@Override
		public Response<Moderation> moderate(List<ChatMessage> messages) {
			String text = ((UserMessage) messages.get(messages.size() - 1)).singleText();
			this.checked.add(text);
			return Response.from(text.contains("threat") ? Moderation.flagged(text) : Moderation.notFlagged());
		}

		@Override
		public String modelName() {
			return "omni-moderation-latest";
		}

	}

	/**
	 * Looks up, or cancels, then answers with what the tools said; answers a plain question vaguely until told to
	 * name the order; answers a refund in words.
	 */
	static final class Scripted implements ChatModel {

		final List<String> received = new CopyOnWriteArrayList<>();

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			ChatMessage last = messages.get(messages.size() - 1);
			this.received.add(last.type() + ": " + text(last));
			String user = messages.stream()
				.filter(UserMessage.class::isInstance)
				.map((message) -> ((UserMessage) message).singleText())
				.findFirst()
				.orElse("");
			long results = messages.stream().filter(ToolExecutionResultMessage.class::isInstance).count();
			AiMessage reply;
			if (user.startsWith("Refund")) {
				reply = AiMessage.from("I am sorry your order arrived broken.");
			}
			else if (user.contains("cancel") && results < 2) {
				reply = AiMessage.from(ToolExecutionRequest.builder()
					.id("call-" + results)
					.name((results == 0) ? "lookupOrder" : "cancelOrder")
					.arguments("{\"id\":\"ORD-1\"}")
					.build());
			}
			else if (user.contains("cancel")) {
				reply = AiMessage.from("Cancelling ORD-1 failed: " + ((ToolExecutionResultMessage) last).text());
			}
			else {
				boolean told = messages.stream()
					.anyMatch((message) -> text(message).contains("Name the order id"));
				reply = AiMessage.from(told ? "ORD-1 ships tomorrow." : "It ships tomorrow.");
			}
			return ChatResponse.builder().aiMessage(reply).modelName("gpt-4o-mini").tokenUsage(new TokenUsage(40, 8))
				.build();
		}

		private static String text(ChatMessage message) {
			if (message instanceof UserMessage user) {
				return user.singleText();
			}
			if (message instanceof ToolExecutionResultMessage result) {
				return result.text();
			}
			return (message instanceof AiMessage ai && ai.text() != null) ? ai.text() : message.type().toString();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		Scripted chatModel() {
			return new Scripted();
		}

		@Bean
		Moderator moderator() {
			return new Moderator();
		}

		@Bean(destroyMethod = "stop")
		McpOrdersServer ordersServer() throws IOException {
			return new McpOrdersServer();
		}

		@Bean(destroyMethod = "close")
		McpClient ordersClient(McpOrdersServer server) {
			return new DefaultMcpClient.Builder().key("orders")
				.transport(new StreamableHttpMcpTransport.Builder().url(server.url()).build())
				.build();
		}

		@Bean
		Clerk clerk(ChatModel chatModel, ModerationModel moderator, McpClient ordersClient) {
			return AiServices.builder(Clerk.class)
				.chatModel(chatModel)
				.moderationModel(moderator)
				.toolProvider(McpToolProvider.builder().mcpClients(ordersClient).build())
				.inputGuardrails(new NoCardNumbers())
				.outputGuardrails(new NamesTheOrder())
				.build();
		}

		@Bean
		RefundReader refundReader(ChatModel chatModel) {
			return AiServices.builder(RefundReader.class).chatModel(chatModel).build();
		}

		@Bean
		Desk desk(Clerk clerk, RefundReader refunds) {
			return new Desk(clerk, refunds);
		}

	}

	@RestController
	static class Desk {

		private final Clerk clerk;

		private final RefundReader refunds;

		Desk(Clerk clerk, RefundReader refunds) {
			this.clerk = clerk;
			this.refunds = refunds;
		}

		@PostMapping("/chat")
		String chat(@RequestBody String message) {
			return this.clerk.chat(message);
		}

		@PostMapping("/refund")
		String refund(@RequestBody String message) {
			return String.valueOf(this.refunds.read(message));
		}

		@ExceptionHandler(RuntimeException.class)
		ResponseEntity<String> refused(RuntimeException ex) {
			return ResponseEntity.unprocessableContent().body(ex.getClass().getSimpleName());
		}

	}

	private static List<String> play(int port) throws Exception {
		List<String> answers = new ArrayList<>();
		HttpClient client = HttpClient.newHttpClient();
		for (String[] step : SCRIPT) {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + step[0]))
						.header("Content-Type", "text/plain")
						.POST(HttpRequest.BodyPublishers.ofString(step[1]))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			answers.add(response.statusCode() + " " + response.body());
		}
		return answers;
	}

	private String get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private JsonNode line(String input) throws Exception {
		for (int i = 0; i < this.runLog.events().size(); i++) {
			JsonNode line = this.runLog.json(i);
			if (line.path("input").asText().startsWith(input)) {
				return line;
			}
		}
		throw new AssertionError("no run-log line for " + input);
	}

	@Test
	void eachKindOfStepShowsAndTheApplicationBehavesAsWithoutVigil() throws Exception {
		List<String> withVigil = play(this.port);
		this.vigil.flushRuns(java.time.Duration.ofSeconds(5));

		List<String> without;
		List<String> modelWithout;
		List<String> toolsWithout;
		List<String> checkedWithout;
		// the same application without Vigil: this one's, the default, must not observe that one's AI services
		this.vigil.uninstallAsDefault();
		try (ConfigurableApplicationContext bare = new SpringApplicationBuilder(Application.class)
			.properties("server.port=0", "spring.main.banner-mode=off", "vigil.enabled=false")
			.run()) {
			assertThat(Vigil.defaultInstance()).isNull();
			without = play(((WebServerApplicationContext) bare).getWebServer().getPort());
			modelWithout = bare.getBean(Scripted.class).received;
			toolsWithout = bare.getBean(McpOrdersServer.class).calledTools();
			checkedWithout = bare.getBean(Moderator.class).checked;
		}
		finally {
			this.vigil.installAsDefault();
		}

		// the same answers, refusals and failures, from the same calls
		assertThat(withVigil).isEqualTo(without);
		assertThat(withVigil.get(0)).isEqualTo("200 ORD-1 ships tomorrow.");
		assertThat(withVigil.get(1)).isEqualTo("200 Cancelling ORD-1 failed: " + McpOrdersServer.LOCKED);
		assertThat(withVigil.get(2)).isEqualTo("422 InputGuardrailException");
		assertThat(withVigil.get(3)).isEqualTo("422 OutputParsingException");
		assertThat(this.model.received).isEqualTo(modelWithout);
		assertThat(this.orders.calledTools()).isEqualTo(toolsWithout).containsExactly("lookupOrder", "cancelOrder");
		assertThat(this.moderator.checked).containsExactlyInAnyOrderElementsOf(checkedWithout).hasSize(2);

		// the run log
		JsonNode reprompted = line("Where is ORD-1?");
		assertThat(reprompted.get("guardrails").findValuesAsText("result")).contains("reprompt");
		JsonNode reprompt = null;
		for (JsonNode guardrail : reprompted.get("guardrails")) {
			reprompt = "reprompt".equals(guardrail.get("result").asText()) ? guardrail : reprompt;
		}
		assertThat(reprompt.get("name").asText()).isEqualTo("NamesTheOrder");
		assertThat(reprompt.get("extra_model_calls").asInt()).isEqualTo(1);
		assertThat(reprompted.get("moderation").get("flagged").asBoolean()).isFalse();
		assertThat(reprompted.get("moderations").get(0).get("model").asText()).isEqualTo("omni-moderation-latest");
		JsonNode cancelled = line("Please cancel ORD-1");
		assertThat(cancelled.get("tool_calls").get(1).get("server").asText()).isEqualTo("orders");
		assertThat(cancelled.get("tool_calls").get(1).get("error").asText()).isEqualTo("tool_error");
		JsonNode refused = line("My card is ");
		assertThat(refused.get("input").asText()).as("the card number is redacted").doesNotContain("4111111111111111");
		assertThat(refused.get("guardrails").get(0).get("result").asText()).isEqualTo("failure");
		assertThat(refused.get("outcome").asText()).isEqualTo("error");
		JsonNode unparsed = line("Refund ORD-1, it arrived broken");
		assertThat(unparsed.get("error").asText()).isEqualTo("output_parsing");

		// the meters
		String scrape = get("/actuator/prometheus");
		assertThat(scrape).containsPattern(
				"vigil_guardrail_results_total\\{[^}]*guardrail=\"NamesTheOrder\"[^}]*result=\"reprompt\"[^}]*} 1\\.0")
			.containsPattern("vigil_output_parsing_failures_total\\{[^}]*return_type=\"Refund\"[^}]*} 1\\.0")
			.containsPattern("mcp_client_operation_duration_seconds_count\\{[^}]*error_type=\"tool_error\""
					+ "[^}]*vigil_mcp_server=\"orders\"[^}]*} 1")
			.containsPattern("vigil_step_duration_seconds_count\\{[^}]*vigil_step_kind=\"moderation\"");

		// triage per MCP server, and the console's figures
		JsonNode server = this.json.readTree(get("/actuator/vigil/servers/orders"));
		assertThat(server.get("calls").asInt()).isEqualTo(2);
		assertThat(server.get("errors").asInt()).isEqualTo(1);
		assertThat(server.get("error_types").get(0).get("type").asText()).isEqualTo("tool_error");
		JsonNode console = this.json.readTree(get("/actuator/vigil/console"));
		assertThat(console.get("guardrails").findValuesAsText("guardrail")).contains("NamesTheOrder", "NoCardNumbers");
		JsonNode servers = console.get("servers").get(0);
		assertThat(servers.get("server").asText()).isEqualTo("orders");
		assertThat(servers.get("calls").asInt()).isEqualTo(2);
		assertThat(servers.get("errors").asInt()).isEqualTo(1);
		assertThat(servers.get("tools").toString()).isEqualTo("[\"cancelOrder\",\"lookupOrder\"]");
	}

}
