package io.github.vigil.alert;

/**
 * Told of every alert transition, once: when it fires, when its severity changes, when it resolves. Page from here.
 * A listener that throws is counted and logged and never affects evaluation.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface AlertListener {

	/**
	 * Receives a transition.
	 * @param alert the alert in its new state
	 */
	void onTransition(Alert alert);

}
