package io.github.vigil.eval.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

import io.github.vigil.eval.Eval;
import io.github.vigil.eval.EvalCase;
import io.github.vigil.eval.EvalDataset;
import io.github.vigil.eval.Scorer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.opentest4j.AssertionFailedError;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * An eval as a JUnit test: it passes while no scorer drops below the baseline, fails with the drop in points when one
 * does, always leaves its report behind, and accepts a change when asked to update the baseline.
 */
class EvalExtensionTests {

	/** Cases with the ground truth of a handoff export: two needed a human, two did not. */
	static final EvalDataset CASES = EvalDataset.of(List.of(EvalCase.of("c-1", "Where is ORD-1?", true),
			EvalCase.of("c-2", "My parcel arrived broken", false), EvalCase.of("c-3", "Where is ORD-3?", true),
			EvalCase.of("c-4", "I want to speak to a manager", false)));

	/** The current prompt: it hands over what needs a human. */
	static final Function<EvalCase, String> CURRENT = (c) -> Boolean.FALSE.equals(c.resolved())
			? "I am sorry; a colleague will contact you today." : "It shipped on Monday.";

	/** A worse prompt: it never hands over. */
	static final Function<EvalCase, String> WORSE = (c) -> "It shipped on Monday.";

	static Path baseline;

	@TempDir
	Path directory;

	@AfterEach
	void clearProperties() {
		System.clearProperty(EvalExtension.REPORTS_PROPERTY);
		System.clearProperty(EvalExtension.UPDATE_BASELINE_PROPERTY);
	}

	private TestExecutionSummary run(Class<?> tests) {
		System.setProperty(EvalExtension.REPORTS_PROPERTY, this.directory.resolve("reports").toString());
		baseline = this.directory.resolve("eval-baseline.json");
		Launcher launcher = LauncherFactory.create();
		SummaryGeneratingListener listener = new SummaryGeneratingListener();
		launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(tests)).build(), listener);
		return listener.getSummary();
	}

	@Test
	void anEvalThatHoldsTheBaselinePassesAndLeavesItsReport() throws Exception {
		assertThat(run(CurrentPrompt.class).getTestsSucceededCount()).isEqualTo(1);
		Files.copy(this.directory.resolve("reports/CurrentPrompt.gate.json"), baseline);

		TestExecutionSummary again = run(CurrentPrompt.class);

		assertThat(again.getTestsSucceededCount()).isEqualTo(1);
		assertThat(this.directory.resolve("reports/CurrentPrompt.gate.html")).exists();
		assertThat(Files.readString(this.directory.resolve("reports/CurrentPrompt.gate.json")))
			.contains("\"passed\" : true")
			.contains("\"resolution\" : 1.0");
	}

	@Test
	void aScorerThatDropsMoreThanAllowedFailsTheTestWithTheDropInPoints() throws Exception {
		run(CurrentPrompt.class);
		Files.copy(this.directory.resolve("reports/CurrentPrompt.gate.json"), baseline);

		TestExecutionSummary worse = run(WorsePrompt.class);

		assertThat(worse.getTestsFailedCount()).isEqualTo(1);
		Throwable failure = worse.getFailures().get(0).getException();
		assertThat(failure).isInstanceOf(AssertionFailedError.class)
			.hasMessageStartingWith("FAILED: resolution dropped 50.0 points (1.000 -> 0.500); at most 5.0 points allowed")
			.hasMessageContaining("WorsePrompt.gate.html");
		AssertionFailedError assertion = (AssertionFailedError) failure;
		assertThat(assertion.getExpected().getStringRepresentation()).contains("resolution=1.0");
		assertThat(assertion.getActual().getStringRepresentation()).contains("resolution=0.5");
		assertThat(this.directory.resolve("reports/WorsePrompt.gate.html")).exists();
	}

	@Test
	void updatingTheBaselineAcceptsTheChange() throws Exception {
		run(CurrentPrompt.class);
		Files.copy(this.directory.resolve("reports/CurrentPrompt.gate.json"), baseline);
		System.setProperty(EvalExtension.UPDATE_BASELINE_PROPERTY, "true");

		TestExecutionSummary accepted = run(WorsePrompt.class);

		assertThat(accepted.getTestsSucceededCount()).isEqualTo(1);
		assertThat(Files.readString(baseline)).contains("\"resolution\" : 0.5");
	}

	@ExtendWith(EvalExtension.class)
	static class CurrentPrompt {

		@Test
		void gate(EvalGate gate) {
			gate.check(Eval.of(CASES).task(CURRENT).scorers(Scorer.resolution()).baseline(baseline).run());
		}

	}

	@ExtendWith(EvalExtension.class)
	static class WorsePrompt {

		@Test
		void gate(EvalGate gate) {
			gate.check(Eval.of(CASES).task(WORSE).scorers(Scorer.resolution()).baseline(baseline).maxDrop(5).run());
		}

	}

}
