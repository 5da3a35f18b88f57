package io.github.vigil.sample;

import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.vigil.sample.demo.DemoDriver;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo in a shortened form: a few conversations and short windows; the report shows the incident's
 * tool error-rate alert firing and resolving.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("demo")
class DemoDriverTests {

	static final int PORT = SampleTestSupport.freePort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("support.demo.conversations", () -> 36);
		registry.add("support.demo.duration", () -> "9s");
		registry.add("vigil.alerts.window", () -> "10s");
		registry.add("vigil.alerts.tool-error-rate.window", () -> "10s");
		registry.add("vigil.alerts.tool-error-rate.min-calls", () -> 5);
		registry.add("vigil.alerts.evaluation-interval", () -> "1s");
		registry.add("vigil.retrieval.empty-rate.window", () -> "10s");
		// scaled for a 9-second demo whose re-index lasts a second: three empty retrievals among the window's
		registry.add("vigil.retrieval.empty-rate.min-retrievals", () -> 3);
		registry.add("vigil.retrieval.empty-rate.threshold", () -> 0.1);
	}

	@Autowired
	DemoDriver driver;

	@Test
	void theReportShowsTheIncidentsAlertFiringAndResolving() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (this.driver.report().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(500);
		}

		String report = this.driver.report();
		assertThat(report).contains("alert windows scaled down for the demo: 15m -> 10s");
		assertThat(report).containsPattern("tool-error-rate\\s+lookupOrder\\s+\\w+\\s+fired \\S+, resolved \\S+");
		assertThat(report).containsPattern("lookupOrder\\s+\\d+\\.\\d% of\\s+\\d+ calls");
		assertThat(report).contains("lookupOrder/html_response");
		assertThat(report).contains("Triage: the five questions, answered from /actuator/vigil");
		assertThat(report).containsPattern("Which tool\\?\\s+lookupOrder: \\d+ of \\d+ calls failed");
		assertThat(report).containsPattern("One user or many\\?\\s+many: \\d+ users affected");
		assertThat(report).containsPattern("Which error\\?\\s+html_response \\(\\d+ calls\\), the page titled \"API v1 retired\"");
		Matcher onset = Pattern.compile("onset [+-]\\d+s from the incident's start \\((-?\\d+\\.\\d) s\\)").matcher(report);
		assertThat(onset.find()).as(report).isTrue();
		assertThat(Double.parseDouble(onset.group(1))).isBetween(0.0, 5.0);
		assertThat(report).as("the incident came from outside: no release started before it")
			.contains("What changed?      no release or instance of this application started");
		Matcher releases = Pattern.compile("Which release\\?\\s+1\\.4\\.1: (\\d+) of \\d+ calls failed \\(\\S+\\); "
				+ "1\\.4\\.2: (\\d+) of (\\d+) calls failed").matcher(report);
		assertThat(releases.find()).as(report).isTrue();
		assertThat(Long.parseLong(releases.group(1))).as("the incident's failures, under the release it hit")
			.isPositive();
		assertThat(Long.parseLong(releases.group(3))).as("the fix served lookups").isPositive();
		assertThat(Long.parseLong(releases.group(2))).as("and none failed").isZero();
		assertThat(report).containsPattern("replayed lookupOrder \\S+ during the incident: error html_response \"API v1 retired\"");
		assertThat(report).containsPattern("replayed again after the fix: success \\{");
		assertThat(report).contains("Tokens per run", "Latency per step", "Loop kills", "Hallucination flags");
		assertThat(report).containsPattern("Two-agent runs\\s+\\d+\\s+triage > (orders|refunds)");
		assertThat(report).containsPattern("Resolution SupportAgent\\s+\\d+\\.\\d% of \\d+ scored runs, week of \\d{4}-\\d\\d-\\d\\d");
		assertThat(report).containsPattern("Cost per run \\(USD\\)\\s+p50 0\\.\\d{6}\\s+p95 0\\.\\d{6}");
		assertThat(report).containsPattern("Cost per model\\s+vigil-demo-model\\s+0\\.\\d{4} USD");
		assertThat(report).containsPattern("36 conversations from \\d+ users made \\d+ runs");
		assertThat(report).containsPattern("Incident: the orders tools used the deprecated v1 API from \\S+ to \\S+");
		assertThat(report).contains("Alerts in the order they fired", "runs.jsonl (replaced at every start");
		Matcher tokens = Pattern.compile("p99 +(\\d+) +max +(\\d+)").matcher(report);
		assertThat(tokens.find()).as("tokens per run from the runs themselves").isTrue();
		assertThat(Long.parseLong(tokens.group(1))).isLessThanOrEqualTo(Long.parseLong(tokens.group(2)));
		assertThat(report).doesNotContain("\r");
		// the second incident: the policies knowledge base emptied by a re-index, found by its alert
		assertThat(report).containsPattern("Second incident: a re-index emptied the policies knowledge base from \\S+ to \\S+");
		Matcher retriever = Pattern.compile("Which retriever\\?\\s+policies: (\\d+) of (\\d+) retrievals failed, empty")
			.matcher(report);
		assertThat(retriever.find()).as(report).isTrue();
		assertThat(Long.parseLong(retriever.group(1))).as("the emptied collection's retrievals").isGreaterThanOrEqualTo(3);
		Matcher answered = Pattern.compile("Answered anyway\\?\\s+(\\d+) runs answered without evidence").matcher(report);
		assertThat(answered.find()).as(report).isTrue();
		assertThat(Long.parseLong(answered.group(1))).isGreaterThanOrEqualTo(3);
		assertThat(report).containsPattern(
				"The alert:\\s+retrieval-empty-rate policies fired \\+\\d+s from the re-index's start, resolved \\+\\d+s");
	}

}
