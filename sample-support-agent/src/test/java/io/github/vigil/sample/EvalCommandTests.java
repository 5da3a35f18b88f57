package io.github.vigil.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;

import io.github.vigil.sample.eval.EvalCommand;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's eval command: last week's conversations, scored against the support team's handoff records with the
 * current prompt, hold the shipped baseline; the worse prompt that never hands a customer over fails the gate by
 * the drop in points.
 */
class EvalCommandTests {

	/** The shipped baseline, copied so that no test changes it. */
	static Path baseline(String name) throws Exception {
		Path copy = Path.of("target", "eval-tests", name, "baseline.json");
		Files.createDirectories(copy.getParent());
		Files.copy(Path.of("eval", "baseline.json"), copy, StandardCopyOption.REPLACE_EXISTING);
		return copy;
	}

	static String awaitReport(EvalCommand command) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (command.exitCode() < 0 && System.nanoTime() < deadline) {
			Thread.sleep(200);
		}
		return command.report();
	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
	@ActiveProfiles("eval")
	class TheCurrentPrompt {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) throws Exception {
			Path baseline = baseline("current");
			registry.add("support.eval.baseline", baseline::toString);
			registry.add("support.eval.reports", () -> "target/eval-tests/current");
			registry.add("support.eval.exit", () -> false);
			int port = SampleTestSupport.freePort();
			registry.add("server.port", () -> port);
		}

		@Autowired
		EvalCommand command;

		@Test
		void scoresEveryCaseAndHoldsTheBaseline() throws Exception {
			String report = awaitReport(this.command);

			assertThat(this.command.exitCode()).as(report).isZero();
			assertThat(report).contains("Eval prompt-current: 102 cases")
				.containsPattern("\\n\\S+\\s+human\\s+1\\.00 escalated\\s+I'm sorry for the trouble")
				.containsPattern("\\n\\S+\\s+resolved\\s+1\\.00 resolved\\s+Your order ORD-\\d+")
				.containsPattern("average\\s+0\\.9\\d\\d")
				.containsPattern("baseline\\s+0\\.951 \\([+-]\\d\\.\\d pts\\)")
				.contains("gate: passed");
			assertThat(Path.of("target/eval-tests/current/prompt-current.html")).exists();
			assertThat(Files.readAllLines(Path.of("target/eval-tests/current/last-week.jsonl"))).hasSize(102);
		}

	}

	@Nested
	@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
			properties = "support.eval.prompt=no-handover")
	@ActiveProfiles("eval")
	class APromptThatNeverHandsOver {

		@DynamicPropertySource
		static void properties(DynamicPropertyRegistry registry) throws Exception {
			Path baseline = baseline("no-handover");
			registry.add("support.eval.baseline", baseline::toString);
			registry.add("support.eval.reports", () -> "target/eval-tests/no-handover");
			registry.add("support.eval.exit", () -> false);
			int port = SampleTestSupport.freePort();
			registry.add("server.port", () -> port);
		}

		@Autowired
		EvalCommand command;

		@Test
		void failsTheGateWithTheDropInPoints() throws Exception {
			String report = awaitReport(this.command);

			assertThat(this.command.exitCode()).as(report).isEqualTo(1);
			assertThat(report).contains("Eval prompt-no-handover: 102 cases")
				.containsPattern("\\n\\S+\\s+human\\s+0\\.00 resolved\\s+I'm sorry to hear that. I can help you myself")
				.containsPattern("\\n\\S+\\s+human\\s+0\\.00 resolved\\s+I'm sorry, I couldn't reach the orders system")
				.containsPattern("gate: FAILED: resolution dropped \\d\\d\\.\\d points \\(0\\.951 -> 0\\.\\d{3}\\); at most 5\\.0 "
						+ "points allowed");
		}

	}

}
