package io.github.vigil;

import java.time.Clock;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.langchain4j.model.moderation.ModerationModel;
import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertCondition;
import io.github.vigil.guardrail.GuardrailPolicy;
import io.github.vigil.guardrail.GuardrailWindows;
import io.github.vigil.guardrail.Guardrails;
import io.github.vigil.guardrail.Moderations;
import io.github.vigil.internal.Pipeline;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.Steps;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The guardrails module ({@code vigil-guardrails}) in a {@link Vigil}: the only class of the assembly that names its
 * types, loaded only when the module is on the class path, so that an application can leave the module out and lose
 * guardrail and moderation steps and nothing else.
 */
final class GuardrailsAssembly {

	private final Moderations moderations;

	private GuardrailsAssembly(Supplier<Steps> steps, InternalFailures failures) {
		this.moderations = new Moderations(steps, failures);
	}

	/**
	 * Returns the module's part of a Vigil, once {@link Modules} has found the module on the class path.
	 * @param steps the pipeline's steps, once it exists
	 * @param failures where Vigil's own failures are counted
	 */
	static GuardrailsAssembly assemble(Supplier<Steps> steps, InternalFailures failures) {
		return new GuardrailsAssembly(steps, failures);
	}

	/** The module's middleware: it ties moderation checks to their runs. */
	RunMiddleware middleware() {
		return this.moderations;
	}

	/** What observes a moderation model. */
	UnaryOperator<ModerationModel> moderationObserver() {
		return this.moderations::observe;
	}

	/**
	 * Attaches the module to the pipeline: the guardrail listeners, the moderation observer, the block-rate alert.
	 * @param policy the application's policy, {@code null} for the defaults
	 * @param alerts the alerts' part, with alerts on; {@code null} otherwise
	 */
	void attach(Pipeline pipeline, @Nullable Object policy, MeterRegistry registry, InternalFailures failures,
			Clock clock, @Nullable AlertsAssembly alerts) {
		GuardrailPolicy guardrailPolicy = (policy != null) ? (GuardrailPolicy) policy : GuardrailPolicy.defaults();
		if (guardrailPolicy.moderation()) {
			pipeline.attachment().observeModeration(this.moderations::observe);
		}
		if (!guardrailPolicy.enabled()) {
			return;
		}
		Guardrails guardrails = new Guardrails(pipeline.steps(), registry, failures, clock);
		guardrails.listeners().forEach(pipeline.attachment()::listen);
		if (alerts != null) {
			alerts.evaluator().rule((now) -> guardrails.windows()
				.stepUps(now, guardrailPolicy.blockRateMinDecisions())
				.stream()
				.map(GuardrailsAssembly::blocks)
				.toList());
		}
	}

	private static AlertCondition blocks(GuardrailWindows.StepUp step) {
		return new AlertCondition(GuardrailWindows.GUARDRAIL_BLOCK_RATE, step.guardrail(), Alert.WARNING, step.facts(),
				step.summary());
	}

}
