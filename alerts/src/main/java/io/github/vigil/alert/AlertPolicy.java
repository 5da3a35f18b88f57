package io.github.vigil.alert;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The in-process alert rules and their thresholds.
 *
 * @param enabled whether the evaluator runs
 * @param evaluationInterval how often the rules are evaluated
 * @param window the window the latency, tail-latency and guard-signal rules look back over
 * @param toolErrorWindow the window {@code tool-error-rate} looks back over
 * @param toolErrorThreshold tool error rate at which {@code tool-error-rate} fires as a warning
 * @param toolErrorCriticalThreshold tool error rate at which it is critical
 * @param toolErrorMinCalls calls of a tool in the window needed before its error rate counts
 * @param latencyMultiplier how many times its weekly baseline a p95 may be before {@code latency-baseline} fires
 * @param latencyMinBaseline history needed before the weekly baseline is used
 * @param tailRatio p99 / p50 at which {@code tail-latency} fires
 * @param tailMinSamples samples in the window needed before {@code tail-latency} is evaluated
 * @param baselineFile where the hourly latency baselines are kept across restarts, {@code null} for nowhere
 * @author Vigil contributors
 * @since 0.1.0
 */
public record AlertPolicy(boolean enabled, Duration evaluationInterval, Duration window, Duration toolErrorWindow,
		double toolErrorThreshold,
		double toolErrorCriticalThreshold, int toolErrorMinCalls, double latencyMultiplier,
		Duration latencyMinBaseline, double tailRatio, int tailMinSamples, @Nullable Path baselineFile) {

	public AlertPolicy {
		Objects.requireNonNull(evaluationInterval, "evaluationInterval must not be null");
		Objects.requireNonNull(window, "window must not be null");
		Objects.requireNonNull(toolErrorWindow, "toolErrorWindow must not be null");
		Objects.requireNonNull(latencyMinBaseline, "latencyMinBaseline must not be null");
		if (evaluationInterval.isNegative() || evaluationInterval.isZero()) {
			throw new IllegalArgumentException("evaluationInterval must be positive, was " + evaluationInterval);
		}
		for (Duration each : new Duration[] { window, toolErrorWindow }) {
			if (each.toSeconds() < 10 || each.toHours() > 24) {
				throw new IllegalArgumentException("alert windows must be between 10 seconds and 24 hours, was " + each);
			}
		}
		if (!(toolErrorThreshold > 0 && toolErrorThreshold <= toolErrorCriticalThreshold
				&& toolErrorCriticalThreshold <= 1)) {
			throw new IllegalArgumentException("thresholds must satisfy 0 < threshold <= critical-threshold <= 1, were "
					+ toolErrorThreshold + " and " + toolErrorCriticalThreshold);
		}
		if (!(latencyMultiplier > 1) || !(tailRatio > 1)) {
			throw new IllegalArgumentException("latency multiplier and tail ratio must be greater than 1");
		}
	}

	/**
	 * Returns the defaults: every 30 seconds over 15 minutes; tool errors at 5% (critical at 15%) with at least 20
	 * calls; p95 over twice the weekly baseline after an hour of history; p99 at ten times p50 with 50 samples; no
	 * baseline file.
	 * @return the default policy
	 */
	public static AlertPolicy defaults() {
		return new AlertPolicy(true, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15), 0.05,
				0.15, 20, 2.0,
				Duration.ofHours(1), 10.0, 50, null);
	}

}
