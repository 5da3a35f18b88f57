package io.github.vigil.leaveout.grounding;

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
 * An application served over HTTP whose starter leaves out {@code vigil-grounding} and {@code vigil-cost}, and the
 * modules that build on them ({@code vigil-store}, {@code vigil-evals}, {@code vigil-retrieval},
 * {@code vigil-guards}): no answer is checked, no call is priced; every run still writes its run-log line and its
 * meters, and alerts and the health indicator still work.
 */
@SpringBootTest(classes = WithoutGroundingTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=vigil,health,prometheus",
				"management.endpoint.health.show-details=always", "vigil.console.enabled=true",
				"vigil.alerts.enabled=true" })
@ExtendWith(OutputCaptureExtension.class)
class WithoutGroundingTests {

	@LocalServerPort
	int port;

	@Test
	void theModulesAreNotOnTheClassPath() {
		for (String left : new String[] { "io.github.vigil.grounding.HallucinationCheck",
				"io.github.vigil.cost.CostMeter", "io.github.vigil.store.Triage", "io.github.vigil.eval.Evals",
				"io.github.vigil.retrieval.Retrievals", "io.github.vigil.guard.LoopGuard" }) {
			assertThatExceptionOfType(ClassNotFoundException.class).isThrownBy(() -> Class.forName(left));
		}
	}

	@Test
	void aRequestTheAgentServesIsLoggedAndMeteredWithoutACheckOrAPrice(CapturedOutput output) throws Exception {
		HttpResponse<String> answer = get("/support?message=Where%20is%20ORD-1");

		assertThat(answer.statusCode()).isEqualTo(200);
		assertThat(answer.body()).isEqualTo(SupportAgent.ANSWER);
		assertThat(output.getOut()).contains("vigil.runs")
			.contains("\"tool_calls\":[{\"tool\":\"lookupOrder\",\"success\":true")
			.contains("\"outcome\":\"completed\"")
			.contains("\"tokens_used\":270")
			.doesNotContain("\"cost\"")
			.doesNotContain("\"flags\"");
		String scrape = get("/actuator/prometheus").body();
		assertThat(scrape).contains("gen_ai_execute_tool_duration_seconds_count{error_type=\"none\"")
			.contains("gen_ai_client_operation_duration_seconds_count")
			.doesNotContain("gen_ai_client_operation_cost")
			.doesNotContain("vigil_hallucination");
	}

	@Test
	void theEndpointAnswersWhatItHasAndNamesTheModuleThatIsMissing() throws Exception {
		assertThat(get("/support?message=hello").statusCode()).isEqualTo(200);

		assertThat(get("/actuator/vigil").body()).contains("\"sections\":[\"alerts\",\"console\"]");
		HttpResponse<String> reviews = get("/actuator/vigil/reviews");
		assertThat(reviews.statusCode()).isEqualTo(404);
		assertThat(reviews.body()).contains("vigil-grounding is not on the class path");
		assertThat(get("/actuator/vigil/alerts").body()).contains("\"active\":[]");
		assertThat(get("/actuator/vigil/console").body()).contains("\"store\":false").contains("\"lookupOrder\"");
		assertThat(get("/actuator/health").body()).contains("\"vigil\":{").contains("\"activeAlerts\":0");
	}

	@Test
	void plainJavaWithoutTheModulesChecksAndPricesNothing() {
		try (Vigil vigil = Vigil.builder(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()).build()) {
			assertThat(vigil.storesRuns()).isFalse();
			assertThat(vigil.capability(Object.class).map(Object::getClass).map(Class::getName))
				.hasValue("io.github.vigil.alert.AlertEvaluator");
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
