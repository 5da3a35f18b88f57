package io.github.vigil.observation;

import io.github.vigil.observation.VigilObservationDocumentation.HighCardinalityKeys;
import io.github.vigil.observation.VigilObservationDocumentation.LowCardinalityKeys;
import io.github.vigil.run.Usage;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default convention for model calls: {@value #DEFAULT_NAME}, contextual name {@code chat {model}} (or
 * {@code summarize {model}} for the context-window guard's summaries).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public class DefaultModelCallObservationConvention implements ModelCallObservationConvention {

	/** Observation name. */
	public static final String DEFAULT_NAME = "gen_ai.chat";

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(ModelCallObservationContext context) {
		return context.getOperation() + " " + context.getRequestModel();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ModelCallObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = new Attributes().add(operationName(context))
			.add(providerName(context))
			.add(requestModel(context))
			.add(responseModel(context))
			.add(agentName(context));
		// the conventions set error.type only when the operation failed
		if (!"none".equals(context.getErrorType())) {
			values.add(errorType(context));
		}
		return values.toKeyValues();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ModelCallObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = context.identity("llm", new Attributes());
		Usage usage = context.getUsage();
		if (usage.reported() && usage.cacheRead() > 0) {
			values.add(HighCardinalityKeys.CACHE_READ_TOKENS.withValue(String.valueOf(usage.cacheRead())));
		}
		if (usage.reported() && usage.cacheCreation() > 0) {
			String written = String.valueOf(usage.cacheCreation());
			values.add(HighCardinalityKeys.CACHE_WRITE_TOKENS.withValue(written));
			if (context.getConventions().previous()) {
				values.add(HighCardinalityKeys.CACHE_CREATION_TOKENS.withValue(written));
			}
		}
		if (usage.reported() && usage.reasoning() > 0) {
			values.add(HighCardinalityKeys.REASONING_TOKENS.withValue(String.valueOf(usage.reasoning())));
		}
		if (context.getInputTokens() >= 0) {
			values.add(HighCardinalityKeys.INPUT_TOKENS.withValue(String.valueOf(context.getInputTokens())));
		}
		if (context.getOutputTokens() >= 0) {
			values.add(HighCardinalityKeys.OUTPUT_TOKENS.withValue(String.valueOf(context.getOutputTokens())));
		}
		if (context.getFinishReason() != null) {
			values.add(HighCardinalityKeys.FINISH_REASONS.withValue(context.getFinishReason()));
		}
		if (context.getInputMessages() != null) {
			values.add(HighCardinalityKeys.INPUT_MESSAGES.withValue(context.getInputMessages()),
					HighCardinalityKeys.LANGFUSE_INPUT.withValue(context.getInputMessages()));
		}
		if (context.getOutputMessage() != null) {
			values.add(HighCardinalityKeys.OUTPUT_MESSAGES.withValue(context.getOutputMessage()),
					HighCardinalityKeys.LANGFUSE_OUTPUT.withValue(context.getOutputMessage()));
		}
		return values.toKeyValues();
	}

	protected KeyValue operationName(ModelCallObservationContext context) {
		return LowCardinalityKeys.OPERATION_NAME.withValue(context.getOperation());
	}

	protected KeyValue providerName(ModelCallObservationContext context) {
		return LowCardinalityKeys.PROVIDER_NAME.withValue(context.getProvider());
	}

	protected KeyValue requestModel(ModelCallObservationContext context) {
		return LowCardinalityKeys.REQUEST_MODEL.withValue(context.getRequestModel());
	}

	protected KeyValue responseModel(ModelCallObservationContext context) {
		return LowCardinalityKeys.RESPONSE_MODEL.withValue(context.getResponseModel());
	}

	protected KeyValue agentName(ModelCallObservationContext context) {
		return LowCardinalityKeys.AGENT_NAME.withValue(context.getAgent());
	}

	protected KeyValue errorType(ModelCallObservationContext context) {
		return LowCardinalityKeys.ERROR_TYPE.withValue(context.getErrorType());
	}

}
