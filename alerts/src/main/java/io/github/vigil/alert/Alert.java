package io.github.vigil.alert;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An alert for one subject (a tool, a model, an agent) and what fired it.
 *
 * @param alert the rule: {@code tool-error-rate}, {@code latency-baseline}, {@code tail-latency},
 * {@code run-tokens-baseline}, {@code loop} or {@code context-window}
 * @param subject what it is about, such as {@code lookupOrder}, {@code model:gpt-4o} or
 * {@code SupportAgent/lookupOrder}
 * @param severity {@code warning} or {@code critical}, now (a critical alert eases to warning when its rate falls)
 * @param peakSeverity the highest severity it reached since it fired
 * @param state {@code firing} or {@code resolved}
 * @param since when it fired
 * @param resolvedAt when it resolved, {@code null} while firing
 * @param facts the numbers that fired it (rate, counts, p95, baseline, window)
 * @param summary one line that names the subject
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Alert(String alert, String subject, String severity, String peakSeverity, String state, Instant since,
		@Nullable Instant resolvedAt, Map<String, Object> facts, String summary) {

	/** State of an alert whose condition holds. */
	public static final String FIRING = "firing";

	/** State of an alert whose condition no longer holds. */
	public static final String RESOLVED = "resolved";

	/** Severity worth investigating. */
	public static final String WARNING = "warning";

	/** Severity of an incident. */
	public static final String CRITICAL = "critical";

}
