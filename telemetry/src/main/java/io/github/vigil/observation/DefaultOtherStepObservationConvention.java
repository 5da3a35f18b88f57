package io.github.vigil.observation;

import io.github.vigil.observation.VigilObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default convention for steps of other kinds: {@value #DEFAULT_NAME}, contextual name
 * {@code {operation} {name}} (for a retrieval, {@code retrieval policies}), with the kind's GenAI operation name.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public class DefaultOtherStepObservationConvention implements OtherStepObservationConvention {

	/** Observation name. */
	public static final String DEFAULT_NAME = "vigil.step";

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(OtherStepObservationContext context) {
		return context.getKind().operation() + " " + context.getStepName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(OtherStepObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = new Attributes().add(operationName(context))
			.add(kind(context))
			.add(stepName(context))
			.add(agentName(context))
			.add(outcome(context));
		// the conventions set error.type only when the operation failed
		if (context.getErrorType() != null) {
			values.add(errorType(context));
		}
		return values.toKeyValues();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(OtherStepObservationContext context) {
		return context.isEnded() ? context.identity(context.getKind().name()) : KeyValues.empty();
	}

	protected KeyValue operationName(OtherStepObservationContext context) {
		return LowCardinalityKeys.OPERATION_NAME.withValue(context.getKind().operation());
	}

	protected KeyValue kind(OtherStepObservationContext context) {
		return LowCardinalityKeys.STEP_KIND.withValue(context.getKind().name());
	}

	protected KeyValue stepName(OtherStepObservationContext context) {
		return LowCardinalityKeys.STEP_NAME.withValue(context.getStepName());
	}

	protected KeyValue agentName(OtherStepObservationContext context) {
		return LowCardinalityKeys.AGENT_NAME.withValue(context.getAgent());
	}

	protected KeyValue outcome(OtherStepObservationContext context) {
		return LowCardinalityKeys.OUTCOME.withValue((context.getErrorType() == null) ? "success" : "error");
	}

	protected KeyValue errorType(OtherStepObservationContext context) {
		return LowCardinalityKeys.ERROR_TYPE.withValue(String.valueOf(context.getErrorType()));
	}

}
