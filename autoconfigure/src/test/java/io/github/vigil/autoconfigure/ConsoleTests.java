package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.invocation.InvocationParameters;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console: served at its path only when enabled, its files nowhere else, and the endpoint section it
 * draws from.
 */
class ConsoleTests {

	static HttpResponse<String> get(int port, String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Nested
	@SpringBootTest(classes = TriageEndpointTests.Application.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false",
					"vigil.console.enabled=true" })
	class Enabled {

		@LocalServerPort
		int port;

		@Autowired
		TriageEndpointTests.OrdersAgent agent;

		@Test
		void thePageAndItsAssetsAreServedAtTheConsolePath() throws Exception {
			HttpResponse<String> page = get(this.port, "/vigil/");
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(page.body()).contains("<title>Vigil agent console</title>", "name=\"viewport\"");
			assertThat(get(this.port, "/vigil/console.js").statusCode()).isEqualTo(200);
			assertThat(get(this.port, "/vigil/console.css").statusCode()).isEqualTo(200);
			JsonNode settings = new ObjectMapper().readTree(get(this.port, "/vigil/settings.json").body());
			assertThat(settings.get("endpoint").asText()).isEqualTo("/actuator/vigil");
			assertThat(settings.get("refreshSeconds").asInt()).isEqualTo(5);
		}

		@Test
		void theConsoleSectionHasEveryToolsRateLatencyAndTokens() throws Exception {
			this.agent.chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));

			HttpResponse<String> response = get(this.port, "/actuator/vigil/console");
			JsonNode console = new ObjectMapper().readTree(response.body());

			assertThat(response.statusCode()).isEqualTo(200);
			JsonNode tool = console.get("tools").get(0);
			assertThat(tool.get("tool").asText()).isEqualTo("lookupOrderV1");
			assertThat(tool.get("calls").asLong()).isPositive();
			assertThat(tool.get("errors").asLong()).isEqualTo(tool.get("calls").asLong());
			assertThat(tool.get("success_rate").asDouble()).isZero();
			assertThat(tool.get("error_types").get(0).get("type").asText()).isEqualTo("html_response");
			assertThat(tool.get("error_types").get(0).get("excerpt").asText()).contains("410 Gone");
			assertThat(tool.get("series")).isNotEmpty();
			assertThat(console.get("range").get("from").asText()).isNotEmpty();
			assertThat(console.get("latency")).anySatisfy((row) -> {
				assertThat(row.get("kind").asText()).isEqualTo("tool");
				assertThat(row.get("p95_ms").isNumber()).isTrue();
			});
			assertThat(console.get("tokens").get("runs").asLong()).isPositive();
			assertThat(console.get("tokens").get("buckets")).isNotEmpty();
		}

		@Test
		void theReferenceListsEveryFieldOfTheAnswer() throws Exception {
			this.agent.chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));
			JsonNode console = new ObjectMapper().readTree(get(this.port, "/actuator/vigil/console").body());
			String reference = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/console.md"));
			java.util.Set<String> documented = new java.util.TreeSet<>();
			java.util.regex.Matcher row = java.util.regex.Pattern.compile("(?m)^\\| ((?:`[a-z_]+`(?:, )?)+) \\|")
				.matcher(reference);
			while (row.find()) {
				java.util.regex.Matcher name = java.util.regex.Pattern.compile("`([a-z_]+)`").matcher(row.group(1));
				while (name.find()) {
					documented.add(name.group(1));
				}
			}
			java.util.Set<String> answered = new java.util.TreeSet<>();
			console.fieldNames().forEachRemaining(answered::add);

			assertThat(documented).isEqualTo(answered);
			assertThat(reference).contains(fields(console.get("tools").get(0)));
			assertThat(reference).contains(fields(console.get("tokens")));
			assertThat(reference).contains(fields(console.get("range")));
		}

		/** The fields of an object as the reference lists them: {@code `a`, `b`}, in the answer's order. */
		private static String[] fields(JsonNode object) {
			java.util.List<String> names = new java.util.ArrayList<>();
			object.fieldNames().forEachRemaining((name) -> names.add("`" + name + "`"));
			return names.toArray(String[]::new);
		}

		@Test
		void theFirstFormsFieldsAreStillAnswered() throws Exception {
			this.agent.chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));

			JsonNode console = new ObjectMapper().readTree(get(this.port, "/actuator/vigil/console").body());

			JsonNode tool = console.get("tools").get(0);
			assertThat(tool.get("calls_total").asLong()).isPositive();
			assertThat(tool.get("errors_total").asLong()).isEqualTo(tool.get("calls_total").asLong());
			assertThat(console.get("window").asText()).matches("\\d+[smhd]");
			assertThat(console.get("tokens").get("baselines").isArray()).isTrue();
		}

	}

	@Nested
	@SpringBootTest(classes = TriageEndpointTests.Application.class,
			webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false" })
	class Disabled {

		@LocalServerPort
		int port;

		@Test
		void withoutTheFlagThereIsNoConsoleAnywhere() throws Exception {
			assertThat(get(this.port, "/vigil/").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/vigil/console.js").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/vigil/settings.json").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/io/github/vigil/console/index.html").statusCode()).isEqualTo(404);
			assertThat(get(this.port, "/console.js").statusCode()).isEqualTo(404);
		}

	}

}
