package io.github.vigil.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.test.McpOrdersServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus rules and Grafana dashboard against a real Prometheus scraping a Spring Boot application's
 * {@code /actuator/prometheus}: with one tool answering HTML pages, the tool error-rate alert fires, and every
 * dashboard panel's query evaluates and returns data. Needs the {@code prometheus} binary (Debian package
 * {@code prometheus}); skipped without it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus",
				"vigil.hallucination.knowledge-base.url-prefixes=https://help.example.com/",
				"vigil.alerts.evaluation-interval=1h",
				// the rules and panels read metrics only; without a tracer, no exemplar rides along in the scrape
				"spring.autoconfigure.exclude="
						+ "org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration,"
						+ "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus."
						+ "PrometheusExemplarsAutoConfiguration,"
						+ "org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration,"
						// and, as application.properties does for every test, Spring Security's
						+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.actuate.web.servlet."
						+ "ManagementWebSecurityAutoConfiguration",
				"vigil.cost.prices.in-memory-1.input=0.15", "vigil.cost.prices.in-memory-1.output=0.60" })
@EnabledIf(value = "prometheusInstalled",
		disabledReason = "prometheus is not installed (Debian package 'prometheus'); .ci/run installs it")
class PrometheusRulesIntegrationTests {

	private static final Path RULES = Path.of("..", "observability", "prometheus", "vigil-alerts.yml");

	private static final Path DASHBOARD = Path.of("..", "observability", "grafana", "vigil-dashboard.json");

	private final HttpClient http = HttpClient.newHttpClient();

	private final ObjectMapper json = new ObjectMapper();

	private Process prometheus;

	private String prometheusUrl;

	@LocalServerPort
	int port;

	@Autowired
	OrdersAgent agent;

	@Autowired
	Application.Clerk clerk;

	@Autowired
	Vigil vigil;

	static boolean prometheusInstalled() {
		return onPath("prometheus");
	}

	@AfterEach
	void stopPrometheus() throws InterruptedException {
		if (this.prometheus != null) {
			this.prometheus.destroy();
			if (!this.prometheus.waitFor(10, TimeUnit.SECONDS)) {
				this.prometheus.destroyForcibly();
			}
		}
	}

	@Test
	void theToolErrorRateAlertFiresAndEveryDashboardPanelReturnsData(@TempDir Path directory) throws Exception {
		startPrometheus(directory);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		boolean firing = false;
		int round = 0;
		while (!firing && System.nanoTime() < deadline) {
			for (int i = 0; i < 5; i++) {
				this.agent.chat("Where is order ORD-" + (10_000 + round * 5 + i) + "?");
			}
			if (round % 5 == 0) {
				this.agent.chat("I'm stuck, where is ORD-7?");
			}
			this.clerk.chat("Please cancel ORD-1");
			AlertEvaluator.of(this.vigil).evaluate();
			Thread.sleep(500);
			firing = firing();
			round++;
		}
		assertThat(firing).as("VigilToolErrorRateHigh or VigilToolErrorRateCritical firing for lookupOrder").isTrue();
		assertThat(query("vigil:tool_error_ratio:rate15m")).isNotEmpty();

		// panels fed by slower signals (the token baseline needs 50 completed runs, the in-process alert its own
		// evaluation) may trail the rule; traffic goes on until every panel has data or the deadline passes
		JsonNode dashboard = this.json.readTree(DASHBOARD.toFile());
		List<String> empty = emptyPanels(dashboard);
		while (!empty.isEmpty() && System.nanoTime() < deadline) {
			for (int i = 0; i < 5; i++) {
				this.agent.chat("Where is order ORD-" + (10_000 + round * 5 + i) + "?");
			}
			this.clerk.chat("Please cancel ORD-1");
			AlertEvaluator.of(this.vigil).evaluate();
			Thread.sleep(1_000);
			round++;
			empty = emptyPanels(dashboard);
		}
		assertThat(empty).as("panel queries without data; scrape target: %s", scrapeTarget()).isEmpty();
	}

	/** The scrape target's health and last error, to say why data is missing. */
	private String scrapeTarget() throws Exception {
		JsonNode target = get(this.prometheusUrl + "/api/v1/targets").get("data").get("activeTargets").get(0);
		return target.get("health").asText() + " " + target.get("lastError").asText() + " (last scrape "
				+ target.get("lastScrape").asText() + ")";
	}

	private boolean firing() throws Exception {
		JsonNode alerts = get(this.prometheusUrl + "/api/v1/alerts").get("data").get("alerts");
		for (JsonNode alert : alerts) {
			String name = alert.get("labels").get("alertname").asText();
			if (name.startsWith("VigilToolErrorRate") && alert.get("state").asText().equals("firing")
					&& alert.get("labels").get("gen_ai_tool_name").asText().equals("lookupOrder")) {
				return true;
			}
		}
		return false;
	}

	private JsonNode query(String expr) throws Exception {
		JsonNode body = get(this.prometheusUrl + "/api/v1/query?query="
				+ URLEncoder.encode(expr, StandardCharsets.UTF_8));
		assertThat(body.get("status").asText()).as(expr + " -> " + body).isEqualTo("success");
		return body.get("data").get("result");
	}

	private JsonNode get(String url) throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString());
		return this.json.readTree(response.body());
	}

	private List<String> emptyPanels(JsonNode dashboard) throws Exception {
		List<String> empty = new ArrayList<>();
		for (JsonNode panel : dashboard.get("panels")) {
			for (JsonNode target : panel.get("targets")) {
				String expr = target.get("expr").asText().replace("$__rate_interval", "1m");
				if (query(expr).isEmpty()) {
					empty.add(panel.get("title").asText() + ": " + expr);
				}
			}
		}
		return empty;
	}

	private void startPrometheus(Path directory) throws Exception {
		String rules = Files.readString(RULES)
			.replace("[15m]", "[20s]")
			.replace("* 900", "* 20")
			.replace("for: 2m", "for: 2s")
			.replace("interval: 30s", "interval: 1s");
		Path rulesCopy = Files.writeString(directory.resolve("vigil-alerts.yml"), rules);
		int prometheusPort = freePort();
		Path config = Files.writeString(directory.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				  evaluation_interval: 1s
				rule_files:
				  - %s
				scrape_configs:
				  - job_name: support-agent
				    metrics_path: /actuator/prometheus
				    static_configs:
				      - targets: ['127.0.0.1:%d']
				""".formatted(rulesCopy.toAbsolutePath(), this.port));
		this.prometheus = new ProcessBuilder("prometheus", "--config.file=" + config.toAbsolutePath(),
				"--storage.tsdb.path=" + directory.resolve("data").toAbsolutePath(),
				"--web.listen-address=127.0.0.1:" + prometheusPort, "--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(directory.resolve("prometheus.log").toFile())
			.start();
		this.prometheusUrl = "http://127.0.0.1:" + prometheusPort;
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> ready = this.http.send(
						HttpRequest.newBuilder(URI.create(this.prometheusUrl + "/-/ready"))
							.timeout(Duration.ofSeconds(1))
							.build(),
						HttpResponse.BodyHandlers.ofString());
				if (ready.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		throw new IllegalStateException("Prometheus did not become ready: "
				+ Files.readString(directory.resolve("prometheus.log")));
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static boolean onPath(String command) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, command))) {
				return true;
			}
		}
		return false;
	}

	interface OrdersAgent {

		String chat(String message);

	}

	/** One lookup in three hits the deprecated endpoint's HTML page. */
	public static class OrderTools {

		private final AtomicInteger calls = new AtomicInteger();

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			if (this.calls.incrementAndGet() % 3 == 0) {
				return "<!DOCTYPE html><html><head><title>410 Gone</title></head><body>Use /api/v2</body></html>";
			}
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\",\"total\":\"42.50\"}";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		/** Looks the order up, then answers (with an invented link); loops when the user says they are stuck. */
		@Bean
		ChatModel chatModel() {
			return new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					List<ChatMessage> messages = request.messages();
					ChatMessage last = messages.get(messages.size() - 1);
					boolean stuck = messages.stream()
						.anyMatch((m) -> m instanceof UserMessage user && user.singleText().contains("stuck"));
					boolean cancel = messages.stream()
						.anyMatch((m) -> m instanceof UserMessage user && user.singleText().contains("cancel"));
					AiMessage answer = (cancel && !(last instanceof ToolExecutionResultMessage))
							? AiMessage.from(ToolExecutionRequest.builder()
								.id("call-1")
								.name("cancelOrder")
								.arguments("{\"id\":\"ORD-1\"}")
								.build())
							: (last instanceof ToolExecutionResultMessage && !stuck)
							? AiMessage.from("Your order ships soon; see https://deals.example.net/track for $4.99.")
							: AiMessage.from(ToolExecutionRequest.builder()
								.id("call-1")
								.name("lookupOrder")
								.arguments("{\"id\":\"ORD-7\"}")
								.build());
					return ChatResponse.builder()
						.aiMessage(answer)
						.modelName("in-memory-1")
						.tokenUsage(new TokenUsage(200, 20))
						.build();
				}
			};
		}

		/** The shop's help pages: nothing for a customer who is stuck. */
		@Bean
		ContentRetriever helpPages() {
			return (query) -> query.text().contains("stuck") ? List.of()
					: List.of(Content.from("Orders ship within two days."));
		}

		@Bean
		OrdersAgent ordersAgent(ChatModel chatModel, ContentRetriever helpPages) {
			return AiServices.builder(OrdersAgent.class)
				.chatModel(chatModel)
				.tools(new OrderTools())
				.contentRetriever(helpPages)
				.inputGuardrails(new Polite())
				.build();
		}

		@Bean(destroyMethod = "stop")
		McpOrdersServer ordersServer() throws java.io.IOException {
			return new McpOrdersServer();
		}

		/** The order desk's tools, from an MCP server: cancelling is reported as failed. */
		@Bean
		Clerk clerk(ChatModel chatModel, McpOrdersServer ordersServer) {
			return AiServices.builder(Clerk.class)
				.chatModel(chatModel)
				.toolProvider(dev.langchain4j.mcp.McpToolProvider.builder()
					.mcpClients(new dev.langchain4j.mcp.client.DefaultMcpClient.Builder().key("orders")
						.transport(new dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport.Builder()
							.url(ordersServer.url())
							.build())
						.build())
					.build())
				.build();
		}

		interface Clerk {

			String chat(String message);

		}

		/** Lets every message through. */
		static final class Polite implements InputGuardrail {

			@Override
			public InputGuardrailResult validate(UserMessage message) {
				return success();
			}

		}

	}

}
