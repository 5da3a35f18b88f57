package io.github.vigil.model;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.metrics.InternalFailures;
import io.github.vigil.metrics.StepMeters;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.observation.ModelCallObservationContext;
import io.github.vigil.run.Run;
import io.github.vigil.tool.ErrorTypes;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * One model call in flight. It ends exactly once, with {@link #succeeded} or {@link #failed}, possibly on another
 * thread than the one that started it (streaming).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ModelCall {

	private final StepMeters meters;

	private final InternalFailures failures;

	private final @Nullable Run run;

	private final String operation;

	private final String agent;

	private final String provider;

	private final String requestModel;

	private final long startNanos;

	private final Observation observation;

	private final @Nullable ModelCallObservationContext observationContext;

	private final boolean includeContent;

	ModelCall(StepMeters meters, InternalFailures failures, @Nullable Run run, String operation, String agent,
			String provider,
			String requestModel, Observation observation, @Nullable ModelCallObservationContext observationContext,
			boolean includeContent) {
		this.meters = meters;
		this.failures = failures;
		this.run = run;
		this.operation = operation;
		this.agent = agent;
		this.provider = provider;
		this.requestModel = requestModel;
		this.observation = observation;
		this.observationContext = observationContext;
		this.includeContent = includeContent;
		this.startNanos = System.nanoTime();
	}

	Observation.Scope openScope() {
		return this.observation.openScope();
	}

	/**
	 * Ends the call with a response.
	 * @param response the model's response
	 */
	public void succeeded(@Nullable ChatResponse response) {
		long nanos = System.nanoTime() - this.startNanos;
		try {
			TokenUsage usage = (response != null) ? response.tokenUsage() : null;
			long input = tokens((usage != null) ? usage.inputTokenCount() : null);
			long output = tokens((usage != null) ? usage.outputTokenCount() : null);
			String responseModel = (response != null && response.modelName() != null) ? response.modelName()
					: TagKeys.UNKNOWN;
			this.meters.recordModelCall(this.operation, this.agent, this.provider, this.requestModel, responseModel,
					TagKeys.ERROR_NONE, nanos, input, output);
			if (this.run != null) {
				this.run.addModelCall(input, output);
			}
			if (this.observationContext != null) {
				this.observationContext.setResponseModel(responseModel);
				this.observationContext.setTokens(input, output);
				if (response != null && response.finishReason() != null) {
					this.observationContext.setFinishReason(response.finishReason().name().toLowerCase());
				}
				if (this.includeContent && response != null && response.aiMessage() != null) {
					this.observationContext.setOutputMessage(String.valueOf(response.aiMessage()));
				}
				this.observation.stop();
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("model-call", ex);
		}
	}

	/**
	 * Ends the call with a failure.
	 * @param error what the model threw or reported
	 */
	public void failed(Throwable error) {
		long nanos = System.nanoTime() - this.startNanos;
		try {
			String errorType = ErrorTypes.of(error);
			this.meters.recordModelCall(this.operation, this.agent, this.provider, this.requestModel, TagKeys.UNKNOWN,
					errorType, nanos, -1, -1);
			if (this.run != null) {
				this.run.addModelCall(-1, -1);
			}
			if (this.observationContext != null) {
				this.observationContext.setErrorType(errorType);
				this.observation.error(error);
				this.observation.stop();
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("model-call", ex);
		}
	}

	private static long tokens(@Nullable Integer count) {
		return (count != null) ? count : -1;
	}

}
