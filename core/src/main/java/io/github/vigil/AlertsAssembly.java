package io.github.vigil;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.alert.AlertListener;
import io.github.vigil.alert.AlertPolicy;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The alerts module ({@code vigil-alerts}) in a {@link Vigil}: the only class of the assembly that names its types,
 * loaded only when the module is on the class path, so that an application can leave the module out and lose the
 * in-process alerts (and the health indicator built on them) and nothing else.
 */
final class AlertsAssembly {

	private final AlertEvaluator evaluator;

	private final boolean enabled;

	private AlertsAssembly(AlertEvaluator evaluator, boolean enabled) {
		this.evaluator = evaluator;
		this.enabled = enabled;
	}

	/**
	 * Returns the module's part of a Vigil, once {@link Modules} has found the module on the class path.
	 * @param policy an {@code AlertPolicy}, {@code null} for its defaults
	 * @param listeners the {@code AlertListener}s
	 */
	static AlertsAssembly assemble(@Nullable Object policy, List<Object> listeners, Clock clock,
			MeterRegistry registry, InternalFailures failures) {
		AlertPolicy rules = (policy != null) ? (AlertPolicy) policy : AlertPolicy.defaults();
		List<AlertListener> told = new ArrayList<>();
		for (Object listener : listeners) {
			told.add((AlertListener) listener);
		}
		return new AlertsAssembly(new AlertEvaluator(rules, clock, registry, failures, told), rules.enabled());
	}

	AlertEvaluator evaluator() {
		return this.evaluator;
	}

	/** Whether the rules are evaluated: other modules add rules of their own only then. */
	boolean enabled() {
		return this.enabled;
	}

	/** The windows steps are counted in, when alerts are on. */
	@Nullable RunMiddleware windows() {
		return this.enabled ? this.evaluator.windows() : null;
	}

	void triagePath(@Nullable String template) {
		this.evaluator.triagePath(template);
	}

	void start() {
		this.evaluator.start();
	}

	void close() {
		this.evaluator.close();
	}

}
