package io.github.vigil.autoconfigure;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped Prometheus rules are valid and pass their unit tests (a firing and a not-firing case for every
 * alert). Needs {@code promtool} (Debian package {@code prometheus}); skipped without it.
 */
@EnabledIf(value = "promtoolInstalled",
		disabledReason = "promtool is not installed (Debian package 'prometheus'); .ci/run installs it")
class PrometheusRulesTests {

	private static final Path DIRECTORY = Path.of("..", "observability", "prometheus");

	static boolean promtoolInstalled() {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(dir, "promtool"))) {
				return true;
			}
		}
		return false;
	}

	@Test
	void theRulesAreValid() throws Exception {
		assertThat(promtool("check", "rules", "vigil-alerts.yml")).contains("SUCCESS");
	}

	@Test
	void everyAlertFiresAndStaysQuietWhereItShould() throws Exception {
		assertThat(promtool("test", "rules", "vigil-alerts.test.yml")).contains("SUCCESS");
	}

	@Test
	void theLatencyAlertComparesWithTheWeeklyAverage() throws Exception {
		assertThat(promtool("test", "rules", "vigil-alerts-baseline.test.yml")).contains("SUCCESS");
	}

	@Test
	void theResolutionDropComparesThisWeekWithLastWeekFleetWide() throws Exception {
		assertThat(promtool("test", "rules", "vigil-alerts-resolution.test.yml")).contains("SUCCESS");
	}

	@Test
	void anEmptiedCollectionFiresTheRetrievalAlertWhileOccasionalMissesAndWarmUpStayQuiet() throws Exception {
		assertThat(promtool("test", "rules", "vigil-alerts-retrieval.test.yml")).contains("SUCCESS");
	}

	@Test
	void aGuardrailWhoseBlockRateStepsUpFiresWhileItsUsualRateAndARareGuardrailStayQuiet() throws Exception {
		assertThat(promtool("test", "rules", "vigil-alerts-guardrails.test.yml")).contains("SUCCESS");
	}

	@Test
	void anMcpServerWhoseToolsFailFiresOnceForTheServerWhileOccasionalFailuresStayQuiet() throws Exception {
		assertThat(promtool("test", "rules", "vigil-alerts-mcp.test.yml")).contains("SUCCESS");
	}

	private static String promtool(String... arguments) throws Exception {
		String[] command = new String[arguments.length + 1];
		command[0] = "promtool";
		System.arraycopy(arguments, 0, command, 1, arguments.length);
		Process process = new ProcessBuilder(command).directory(DIRECTORY.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		return output;
	}

}
