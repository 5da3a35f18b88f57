package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.alert.AlertListener;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts in a Spring Boot application: a tool answering with HTML pages fires {@code tool-error-rate}, readable at
 * {@code /actuator/vigil/alerts}, in the health contributor (which keeps HTTP 200) and as a gauge, and handed to
 * {@link AlertListener} beans.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=health,metrics,vigil",
				"management.endpoint.health.show-details=always", "vigil.alerts.evaluation-interval=1h" })
class AlertsEndToEndTests {

	@LocalServerPort
	int port;

	@Autowired
	Vigil vigil;

	@Autowired
	OrdersAgent agent;

	@Autowired
	Pager pager;

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void aToolAnsweringWithHtmlPagesFiresTheToolErrorRateAlertEverywhereItIsRead() throws Exception {
		for (int i = 0; i < 25; i++) {
			this.agent.chat("Where is order ORD-" + (10_000 + i) + "?");
		}

		AlertEvaluator.of(this.vigil).evaluate();

		JsonNode alerts = get("/actuator/vigil/alerts", 200);
		JsonNode active = alerts.get("active").get(0);
		assertThat(active.get("alert").asText()).isEqualTo("tool-error-rate");
		assertThat(active.get("subject").asText()).isEqualTo("lookupOrderV1");
		assertThat(active.get("severity").asText()).isEqualTo("critical");
		assertThat(active.get("facts").get("calls").asInt()).isEqualTo(25);
		assertThat(active.get("facts").get("triagePath").asText()).isEqualTo("/actuator/vigil/tools/lookupOrderV1");
		assertThat(get(active.get("facts").get("triagePath").asText(), 200).get("errors").asInt()).isEqualTo(25);
		JsonNode health = get("/actuator/health", 200);
		assertThat(health.get("status").asText()).isEqualTo("UP");
		assertThat(health.get("components").get("vigil").get("status").asText()).isEqualTo("DEGRADED");
		assertThat(health.get("components").get("vigil").get("details").get("alerts").get(0).get("subject").asText())
			.isEqualTo("lookupOrderV1");
		JsonNode gauge = get("/actuator/metrics/vigil.alerts.active?tag=alert:tool-error-rate"
				+ "&tag=subject:lookupOrderV1&tag=severity:critical", 200);
		assertThat(gauge.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
		assertThat(this.pager.transitions).extracting(Alert::alert, Alert::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("tool-error-rate", "firing"));
	}

	private JsonNode get(String path, int status) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		return this.json.readTree(response.body());
	}

	/** Pages the on-call engineer; here, remembers the transitions. */
	static class Pager implements AlertListener {

		final List<Alert> transitions = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void onTransition(Alert alert) {
			this.transitions.add(alert);
		}

	}

	interface OrdersAgent {

		String chat(String message);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ChatModel chatModel() {
			return new ToolThenAnswerModel("lookupOrderV1", "{\"id\":\"ORD-1\"}", "I'm sorry, I couldn't look that up.",
					new TokenUsage(50, 10));
		}

		@Bean
		OrdersAgent ordersAgent(ChatModel chatModel) {
			return AiServices.builder(OrdersAgent.class).chatModel(chatModel).tools(new OrderTools()).build();
		}

		@Bean
		Pager pager() {
			return new Pager();
		}

	}

}
