package io.github.vigil.leaveout.store;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.github.vigil.Vigil;
import io.github.vigil.leaveout.SupportAgent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application served over HTTP whose starter leaves out {@code vigil-store}, {@code vigil-evals} and
 * {@code vigil-alerts}: no run is kept, nothing is scored, no alert fires, and the endpoint says which module is
 * missing; every run still writes its run-log line, its meters and its cost, and the hallucination check still flags.
 */
@SpringBootTest(classes = WithoutStoreTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=vigil,health,prometheus",
				"management.endpoint.health.show-components=always", "vigil.console.enabled=true",
				"vigil.hallucination.knowledge-base.urls=https://shop.example/orders" })
@ExtendWith(OutputCaptureExtension.class)
class WithoutStoreTests {

	@LocalServerPort
	int port;

	@Test
	void theModulesAreNotOnTheClassPath() {
		for (String left : new String[] { "io.github.vigil.store.Triage", "io.github.vigil.eval.Evals",
				"io.github.vigil.alert.AlertEvaluator" }) {
			assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> Class.forName(left));
		}
	}

	@Test
	void aRequestTheAgentServesIsLoggedMeteredAndPricedAndItsAnswerChecked(CapturedOutput output) throws Exception {
		HttpResponse<String> answer = get("/support?message=Where%20is%20ORD-1");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(SupportAgent.ANSWER);
		assertThat(output.getOut()).contains("vigil.runs")
			.contains("\"input\":\"Where is ORD-1\"")
			.contains("\"tool_calls\":[{\"tool\":\"lookupOrder\",\"success\":true")
			.contains("\"outcome\":\"completed\"")
			.contains("\"flag_action\":\"flagged\"");
		String scrape = get("/actuator/prometheus").body();
		assertThat(scrape).contains("gen_ai_client_operation_duration_seconds_count")
			.contains("gen_ai_execute_tool_duration_seconds_count{error_type=\"none\"")
			.contains("vigil_run_tokens_baseline_tokens{gen_ai_agent_name=\"Assistant\"}")
			.contains("gen_ai_client_operation_cost_USD_count")
			.contains("vigil_hallucination_flags_total{gen_ai_agent_name=\"Assistant\",kind=\"url\"}");
		String reviews = get("/actuator/vigil/reviews").body();
		assertThat(reviews).contains("\"count\":1").contains("https://shop.example/tracking/ORD-1");
	}

	@Test
	void theEndpointAnswersWhatItHasAndNamesTheModuleThatIsMissing() throws Exception {
		assertThat(get("/support?message=hello").statusCode()).isEqualTo(200);

		assertThat(get("/actuator/vigil").body()).contains("\"sections\":[\"reviews\",\"console\"]")
			.contains("\"replay\":false");
		HttpResponse<String> runs = get("/actuator/vigil/runs");
		assertThat(runs.statusCode()).isEqualTo(404);
		assertThat(runs.body()).contains("vigil-store is not on the class path");
		HttpResponse<String> alerts = get("/actuator/vigil/alerts");
		assertThat(alerts.statusCode()).isEqualTo(404);
		assertThat(alerts.body()).contains("vigil-alerts is not on the class path");
		assertThat(get("/actuator/vigil/evals").body()).contains("vigil-evals is not on the class path");
		HttpResponse<String> console = get("/actuator/vigil/console");
		assertThat(console.statusCode()).isEqualTo(200);
		assertThat(console.body()).contains("\"store\":false").contains("\"lookupOrder\"");
		HttpResponse<String> badRange = get("/actuator/vigil/console?range=forever");
		assertThat(badRange.statusCode()).isEqualTo(400);
		assertThat(badRange.body()).contains("range must be a duration");
		assertThat(get("/actuator/health").body()).doesNotContain("\"vigil\"");
	}

	@Test
	void plainJavaWithoutTheModulesStoresAndScoresNothingAndSaysSo() {
		try (Vigil vigil = Vigil.builder(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).build()) {
			assertThat(vigil.storesRuns()).isFalse();
			assertThat(vigil.flushRuns(Duration.ZERO)).isTrue();
			assertThat(vigil.flushScores(Duration.ZERO)).isTrue();
			assertThat(vigil.capability(Object.class)).isPresent();
			assertThat(vigil.startAlerts()).isSameAs(vigil);
		}
	}

	private HttpResponse<String> get(String path) throws Exception {
		return SupportAgent.get(this.port, path);
	}

	@SpringBootApplication
	@Import(SupportAgent.class)
	static class Application {

	}

}
