package io.github.vigil.alert;

import java.time.Instant;
import java.util.List;

/**
 * A rule the evaluator checks at each evaluation alongside its own, for a capability that keeps its own windows (the
 * evals' {@code resolution-drop} is one). The evaluator owns the state: it fires, eases and resolves the alert, logs
 * and counts each transition and tells the listeners, exactly as for its own rules. A rule that throws is counted
 * in {@code vigil.internal.errors} and skipped for that evaluation.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface AlertRule {

	/**
	 * Returns the subjects for which the rule's condition holds now; any subject not returned is resolved.
	 * @param now the evaluation's time
	 * @return the conditions that hold
	 */
	List<AlertCondition> holding(Instant now);

}
