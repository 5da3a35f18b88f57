package io.github.vigil.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.vigil.run.InternalFailures;
import io.github.vigil.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process alert rules, driven by a clock the test controls.
 */
class AlertEvaluatorTests {

	private static final long MS = 1_000_000L;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"));

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<Alert> transitions = new CopyOnWriteArrayList<>();

	private AlertEvaluator evaluator(AlertPolicy policy) {
		return new AlertEvaluator(policy, this.clock, this.registry, new InternalFailures(this.registry),
				List.of(this.transitions::add));
	}

	private final AlertEvaluator evaluator = evaluator(AlertPolicy.defaults());

	private void toolCalls(AlertEvaluator evaluator, String tool, int calls, int errors) {
		for (int i = 0; i < calls; i++) {
			evaluator.windows().toolCall(tool, i < errors, 40 * MS);
		}
	}

	private double active(String alert, String subject, String severity) {
		return this.registry.get("vigil.alerts.active").tags("alert", alert, "subject", subject, "severity", severity)
			.gauge()
			.value();
	}

	@Test
	void aToolFailingFivePercentOfAtLeastTwentyCallsFires() {
		toolCalls(this.evaluator, "lookupOrder", 100, 6);

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).singleElement().satisfies((alert) -> {
			assertThat(alert.alert()).isEqualTo("tool-error-rate");
			assertThat(alert.subject()).isEqualTo("lookupOrder");
			assertThat(alert.severity()).isEqualTo("warning");
			assertThat(alert.facts()).containsEntry("rate", 0.06).containsEntry("calls", 100L)
				.containsEntry("errors", 6L);
			assertThat(alert.summary()).contains("lookupOrder").contains("6.0%");
		});
		assertThat(active("tool-error-rate", "lookupOrder", "warning")).isEqualTo(1);
		assertThat(this.transitions).hasSize(1);
	}

	@Test
	void belowMinCallsOrBelowTheThresholdNothingFires() {
		toolCalls(this.evaluator, "rarelyUsed", 19, 19);
		toolCalls(this.evaluator, "healthy", 100, 4);

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).isEmpty();
	}

	@Test
	void theSeverityEscalatesToCriticalAtFifteenPercentAndTheTransitionIsPublishedOnce() {
		toolCalls(this.evaluator, "lookupOrder", 100, 10);
		this.evaluator.evaluate();
		this.evaluator.evaluate();
		toolCalls(this.evaluator, "lookupOrder", 100, 30);

		this.evaluator.evaluate();
		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).singleElement()
			.satisfies((alert) -> assertThat(alert.severity()).isEqualTo("critical"));
		assertThat(this.transitions).extracting(Alert::severity).containsExactly("warning", "critical");
		assertThat(active("tool-error-rate", "lookupOrder", "warning")).isZero();
		assertThat(active("tool-error-rate", "lookupOrder", "critical")).isEqualTo(1);
		assertThat(this.registry.get("vigil.alerts.fired").tags("alert", "tool-error-rate", "severity", "critical")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aCriticalAlertWhoseRateFallsEasesToWarningWithoutCountingAsFiredAndKeepsItsPeak() {
		toolCalls(this.evaluator, "lookupOrder", 100, 30);
		this.evaluator.evaluate();
		this.clock.advance(Duration.ofMinutes(1));
		toolCalls(this.evaluator, "lookupOrder", 400, 10);

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).singleElement().satisfies((alert) -> {
			assertThat(alert.severity()).isEqualTo("warning");
			assertThat(alert.peakSeverity()).isEqualTo("critical");
		});
		assertThat(this.transitions).extracting(Alert::severity).containsExactly("critical", "warning");
		assertThat(active("tool-error-rate", "lookupOrder", "warning")).isEqualTo(1);
		assertThat(active("tool-error-rate", "lookupOrder", "critical")).isZero();
		assertThat(this.registry.find("vigil.alerts.fired").tags("severity", "warning").counter())
			.as("easing is not firing")
			.isNull();

		this.clock.advance(Duration.ofMinutes(15));
		this.evaluator.evaluate();

		assertThat(this.evaluator.recentlyResolved()).singleElement()
			.satisfies((alert) -> assertThat(alert.peakSeverity()).isEqualTo("critical"));
	}

	@Test
	void errorsOlderThanTheWindowNoLongerCountAndTheAlertResolves() {
		toolCalls(this.evaluator, "lookupOrder", 100, 40);
		this.evaluator.evaluate();
		assertThat(this.evaluator.active()).hasSize(1);

		this.clock.advance(Duration.ofMinutes(14));
		toolCalls(this.evaluator, "lookupOrder", 100, 0);
		this.evaluator.evaluate();
		assertThat(this.evaluator.active()).as("the failing minute is still in the window").hasSize(1);

		this.clock.advance(Duration.ofMinutes(1));
		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).isEmpty();
		assertThat(this.evaluator.recentlyResolved()).singleElement().satisfies((alert) -> {
			assertThat(alert.state()).isEqualTo("resolved");
			assertThat(alert.resolvedAt()).isEqualTo(this.clock.instant());
		});
		assertThat(this.transitions).extracting(Alert::state).containsExactly("firing", "resolved");
		assertThat(active("tool-error-rate", "lookupOrder", "critical")).isZero();
	}

	@Test
	void latencyIsComparedWithTheWeeklyBaselineOnlyAfterAnHourOfHistory() {
		for (int minute = 0; minute < 60; minute++) {
			for (int i = 0; i < 10; i++) {
				this.evaluator.windows().modelCall("gpt-4o-mini", false, 500 * MS);
			}
			this.clock.advance(Duration.ofMinutes(1));
		}
		for (int i = 0; i < 50; i++) {
			this.evaluator.windows().modelCall("gpt-4o-mini", false, 3_000 * MS);
		}
		this.evaluator.evaluate();
		assertThat(this.evaluator.active()).as("the hour of history has just closed").singleElement()
			.satisfies((alert) -> {
				assertThat(alert.alert()).isEqualTo("latency-baseline");
				assertThat(alert.subject()).isEqualTo("model:gpt-4o-mini");
				assertThat((double) alert.facts().get("baselineSeconds")).isBetween(0.45, 0.65);
			});
	}

	@Test
	void noLatencyAlertDuringWarmUp() {
		for (int i = 0; i < 100; i++) {
			this.evaluator.windows().modelCall("gpt-4o-mini", false, 500 * MS);
		}
		this.clock.advance(Duration.ofMinutes(30));
		for (int i = 0; i < 100; i++) {
			this.evaluator.windows().modelCall("gpt-4o-mini", false, 5_000 * MS);
		}

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).isEmpty();
	}

	@Test
	void aP99TenTimesTheP50HeldForAWholeWindowIsATailLatencyProblem() {
		for (int minute = 0; minute <= 16; minute++) {
			assertThat(this.evaluator.active()).as("minute %d: not yet held for a whole window", minute).isEmpty();
			for (int i = 0; i < 95; i++) {
				this.evaluator.windows().toolCall("trackParcel", false, 100 * MS);
			}
			for (int i = 0; i < 5; i++) {
				this.evaluator.windows().toolCall("trackParcel", false, 4_000 * MS);
			}
			this.evaluator.evaluate();
			this.clock.advance(Duration.ofMinutes(1));
		}
		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).singleElement().satisfies((alert) -> {
			assertThat(alert.alert()).isEqualTo("tail-latency");
			assertThat(alert.subject()).isEqualTo("tool:trackParcel");
		});
	}

	@Test
	void slowFirstCallsAfterAStartAreNoTailLatencyProblem() {
		for (int i = 0; i < 5; i++) {
			this.evaluator.windows().toolCall("trackParcel", false, 4_000 * MS);
			this.evaluator.windows().modelCall("gpt-4o-mini", false, 6_000 * MS);
		}
		for (int minute = 0; minute <= 40; minute++) {
			for (int i = 0; i < 20; i++) {
				this.evaluator.windows().toolCall("trackParcel", false, 100 * MS);
				this.evaluator.windows().modelCall("gpt-4o-mini", false, 300 * MS);
			}
			this.evaluator.evaluate();
			assertThat(this.evaluator.active()).as("minute %d", minute).isEmpty();
			this.clock.advance(Duration.ofMinutes(1));
		}
	}

	@Test
	void guardSignalsFireTheirAlertsPerSubject() {
		this.evaluator.windows().signal("loop", "SupportAgent/lookupOrder");
		this.evaluator.windows().signal("run-tokens-baseline", "SupportAgent");

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).extracting(Alert::alert, Alert::subject)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("loop", "SupportAgent/lookupOrder"),
					org.assertj.core.groups.Tuple.tuple("run-tokens-baseline", "SupportAgent"));
	}

	@Test
	void theContextWindowGuardActingOnATenthOfAnAgentsRunsIsPressure() {
		StepWindows windows = this.evaluator.windows();
		for (int i = 0; i < 40; i++) {
			windows.runEnded("SupportAgent");
			windows.runEnded("BillingAgent");
		}
		for (int i = 0; i < 5; i++) {
			this.evaluator.windows().signal("context-window", "SupportAgent");
		}
		this.evaluator.windows().signal("context-window", "BillingAgent");

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).extracting(Alert::alert, Alert::subject)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("context-window", "SupportAgent"));
	}

	@Test
	void aSummaryNowAndThenIsNoPressure() {
		StepWindows windows = this.evaluator.windows();
		for (int i = 0; i < 200; i++) {
			windows.runEnded("SupportAgent");
		}
		for (int i = 0; i < 8; i++) {
			this.evaluator.windows().signal("context-window", "SupportAgent");
		}

		this.evaluator.evaluate();

		assertThat(this.evaluator.active()).as("8 summaries in 200 runs, 4%").isEmpty();
	}

	@Test
	void baselinesSurviveARestartThroughTheBaselineFile(@TempDir Path directory) {
		Path file = directory.resolve("baselines.json");
		AlertPolicy policy = new AlertPolicy(true, Duration.ofSeconds(30), Duration.ofMinutes(15),
				Duration.ofMinutes(15), 0.05, 0.15, 20,
				2.0, Duration.ofHours(1), 10.0, 50, file);
		AlertEvaluator before = evaluator(policy);
		for (int minute = 0; minute < 61; minute++) {
			before.windows().toolCall("lookupOrder", false, 200 * MS);
			this.clock.advance(Duration.ofMinutes(1));
		}
		before.close();
		assertThat(file).exists();

		AlertEvaluator after = evaluator(policy);
		for (int i = 0; i < 30; i++) {
			after.windows().toolCall("lookupOrder", false, 2_000 * MS);
		}
		after.evaluate();

		assertThat(after.active()).extracting(Alert::alert).contains("latency-baseline");
	}

}
