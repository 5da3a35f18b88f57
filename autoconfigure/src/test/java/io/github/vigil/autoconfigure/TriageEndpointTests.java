package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import io.github.vigil.Vigil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Triage over HTTP: the on-call engineer asks the application which tool fails, with which error, since when, for
 * whom, and replays the failing call; bad questions get a 400 or 404 with a message.
 */
class TriageEndpointTests {

	private static final ObjectMapper json = new ObjectMapper();

	static JsonNode call(int port, String method, String path, String body, int status) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
		if (method.equals("POST")) {
			request.POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
		}
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(status);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
		return json.readTree(response.body());
	}

	@Nested
	@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false" })
	class WithReplayOff {

		@LocalServerPort
		int port;

		@Autowired
		OrdersAgent agent;

		@Autowired
		Vigil vigil;

		@BeforeEach
		void traffic() {
			for (int i = 0; i < 6; i++) {
				this.agent.chat("Where is order ORD-" + i + "?", InvocationParameters.from("userId", "u-" + (i % 3)));
			}
			this.vigil.flushRuns(Duration.ofSeconds(5));
		}

		@Test
		void aToolsSummaryAnswersWhichErrorAndOneUserOrMany() throws Exception {
			JsonNode summary = call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1", "", 200);

			assertThat(summary.get("tool").asText()).isEqualTo("lookupOrderV1");
			assertThat(summary.get("window").asText()).isEqualTo("15m");
			assertThat(summary.get("calls").asLong()).isGreaterThanOrEqualTo(6);
			assertThat(summary.get("error_rate").asDouble()).isEqualTo(1.0);
			JsonNode type = summary.get("error_types").get(0);
			assertThat(type.get("type").asText()).isEqualTo("html_response");
			assertThat(type.get("sample_message").asText()).contains("410 Gone");
			assertThat(type.get("first_seen").asText()).isNotEmpty();
			assertThat(summary.get("users_affected").asInt()).isEqualTo(3);
			assertThat(summary.get("top_user_share").asDouble()).isLessThan(0.5);
			assertThat(summary.has("onset")).isTrue();
			assertThat(summary.get("failures_path").asText()).isEqualTo("/actuator/vigil/tools/lookupOrderV1/failures");
		}

		@Test
		void failingCallsLeadToTheirRunsWaterfall() throws Exception {
			JsonNode failures = call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1/failures?limit=2&user=u-1",
					"", 200).get("failures");

			assertThat(failures).hasSize(2);
			JsonNode failure = failures.get(0);
			assertThat(failure.get("user_id").asText()).isEqualTo("u-1");
			assertThat(failure.get("error_type").asText()).isEqualTo("html_response");
			assertThat(failure.get("arguments").asText()).contains("ORD-");
			assertThat(failure.get("agent").asText()).isEqualTo("OrdersAgent");
			assertThat(failure.get("timestamp").asText()).isNotEmpty();

			JsonNode run = call(this.port, "GET", "/actuator/vigil/runs/" + failure.get("run_id").asText(), "", 200);
			assertThat(run.get("user_id").asText()).isEqualTo("u-1");
			assertThat(run.get("steps")).extracting((step) -> step.get("kind").asText())
				.containsExactly("model", "tool", "model");
			JsonNode tool = run.get("steps").get(1);
			assertThat(tool.get("name").asText()).isEqualTo("lookupOrderV1");
			assertThat(tool.get("start_offset_ms").asDouble())
				.isGreaterThanOrEqualTo(run.get("steps").get(0).get("duration_ms").asDouble());
			assertThat(tool.get("replay_path").asText()).endsWith("/steps/1/replay");

			JsonNode runs = call(this.port, "GET", "/actuator/vigil/runs?user=u-1&limit=10", "", 200).get("runs");
			assertThat(runs).hasSize(2).allSatisfy((r) -> assertThat(r.get("user_id").asText()).isEqualTo("u-1"));
		}

		@Test
		void badQuestionsGetAClearMessageNeverAStackTrace() throws Exception {
			assertThat(call(this.port, "GET", "/actuator/vigil/runs/no-such-run", "", 404).get("error").asText())
				.isEqualTo("no stored run with id 'no-such-run'");
			assertThat(call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1/failures?since=yesterday", "", 400)
				.get("error").asText()).contains("since must be an ISO-8601 instant");
			assertThat(call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1/failures?limit=1000000", "", 400)
				.get("error").asText()).contains("limit must be a whole number from 1 to 1000");
			assertThat(call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1?window=forever", "", 400)
				.get("error").asText()).contains("window must be a duration");
			assertThat(call(this.port, "GET", "/actuator/vigil/runs?limit=-3", "", 400).get("error").asText())
				.contains("limit");
			String injection = URLEncoder.encode("u-1' OR '1'='1", StandardCharsets.UTF_8);
			assertThat(call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1/failures?user=" + injection, "", 200)
				.get("failures")).isEmpty();
			assertThat(call(this.port, "GET", "/actuator/vigil/nothing", "", 404).get("error").asText())
				.contains("sections");
		}

		@Test
		void replayIsRefusedUnlessTheApplicationTurnsItOn() throws Exception {
			String runId = call(this.port, "GET", "/actuator/vigil/runs?limit=1", "", 200).get("runs").get(0)
				.get("run_id").asText();

			assertThat(call(this.port, "POST", "/actuator/vigil/runs/" + runId + "/steps/1/replay", "", 403)
				.get("error").asText()).contains("vigil.triage.replay.enabled=true");
			assertThat(call(this.port, "POST", "/actuator/vigil/runs/" + runId + "/replay", "{\"tools\":\"live\"}", 403)
				.get("error").asText()).contains("replay is off");
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false",
					"vigil.triage.replay.enabled=true", "vigil.triage.replay.tools=lookupOrderV1" })
	class WithReplayOn {

		@LocalServerPort
		int port;

		@Autowired
		OrdersAgent agent;

		@Autowired
		Vigil vigil;

		@Autowired
		OrderBackend backend;

		@Test
		void replayingTheFailingCallReproducesItAndShowsTheFix() throws Exception {
			this.backend.fixed = false;
			this.agent.chat("Where is order ORD-10042?", InvocationParameters.from("userId", "u-7"));
			this.vigil.flushRuns(Duration.ofSeconds(5));
			JsonNode failure = call(this.port, "GET", "/actuator/vigil/tools/lookupOrderV1/failures?user=u-7", "", 200)
				.get("failures").get(0);
			String path = "/actuator/vigil/runs/" + failure.get("run_id").asText() + "/steps/"
					+ failure.get("step").asInt() + "/replay";

			JsonNode broken = call(this.port, "POST", path, "", 200);
			this.backend.fixed = true;
			JsonNode fixed = call(this.port, "POST", path, "", 200);

			assertThat(broken.get("recorded").get("error_type").asText()).isEqualTo("html_response");
			assertThat(broken.get("replayed").get("error_type").asText()).isEqualTo("html_response");
			assertThat(fixed.get("replayed").get("outcome").asText()).isEqualTo("success");
			assertThat(fixed.get("replayed").get("result_excerpt").asText()).contains("shipped");
			// replay is POST only
			assertThat(HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
						HttpResponse.BodyHandlers.ofString())
				.statusCode()).isEqualTo(405);
		}

		@Test
		void aRunReplaysThroughTheSameAiServiceWithRecordedOrLiveTools() throws Exception {
			this.backend.fixed = false;
			this.agent.chat("Where is order ORD-20001?", InvocationParameters.from("userId", "u-8"));
			this.vigil.flushRuns(Duration.ofSeconds(5));
			String runId = call(this.port, "GET", "/actuator/vigil/runs?user=u-8", "", 200).get("runs").get(0)
				.get("run_id").asText();
			this.backend.fixed = true;

			JsonNode recorded = call(this.port, "POST", "/actuator/vigil/runs/" + runId + "/replay",
					"{\"tools\":\"recorded\"}", 200);
			JsonNode live = call(this.port, "POST", "/actuator/vigil/runs/" + runId + "/replay", "{\"tools\":\"live\"}",
					200);

			assertThat(recorded.get("steps")).allSatisfy((step) -> assertThat(step.get("same").asBoolean()).isTrue());
			assertThat(recorded.get("steps").get(1).get("replayed").get("error_type").asText())
				.isEqualTo("html_response");
			assertThat(live.get("steps").get(1).get("replayed").get("outcome").asText()).isEqualTo("success");
			assertThat(recorded.get("recorded").get("outcome").asText()).isEqualTo("completed");
			assertThat(recorded.get("replayed").get("outcome").asText()).isEqualTo("completed");
			assertThat(recorded.get("replayed").get("result_excerpt").asText()).isEqualTo("Here is what I found.");
			assertThat(call(this.port, "POST", "/actuator/vigil/runs/" + runId + "/replay", "{\"tools\":\"maybe\"}",
					400).get("error").asText()).contains("recorded");
		}

	}

	interface OrdersAgent {

		String chat(@UserMessage String message, InvocationParameters parameters);

	}

	/** The v1 orders endpoint: an HTML error page until it is fixed. */
	public static class OrderBackend {

		volatile boolean fixed;

		@Tool("Looks up an order on the v1 endpoint")
		public String lookupOrderV1(String id) {
			return this.fixed ? "{\"id\":\"" + id + "\",\"status\":\"shipped\"}"
					: "<!DOCTYPE html><html><head><title>410 Gone</title></head><body>API v1 is retired</body></html>";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ChatModel chatModel() {
			return new ToolThenAnswerModel("lookupOrderV1", "{\"id\":\"ORD-1\"}", "Here is what I found.",
					new TokenUsage(50, 10));
		}

		@Bean
		OrderBackend orderBackend() {
			return new OrderBackend();
		}

		@Bean
		OrdersAgent ordersAgent(ChatModel chatModel, OrderBackend backend) {
			return AiServices.builder(OrdersAgent.class).chatModel(chatModel).tools(backend).build();
		}

	}

}
