package io.github.vigil.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.github.vigil.metrics.InternalFailures;
import io.github.vigil.metrics.StepMeters;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.observation.DefaultModelCallObservationConvention;
import io.github.vigil.observation.ModelCallObservationContext;
import io.github.vigil.observation.ModelCallObservationConvention;
import io.github.vigil.observation.VigilObservationDocumentation;
import io.github.vigil.run.Run;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Starts {@link ModelCall}s and opens each call's observation under its run's.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ModelCallRecorder {

	private static final DefaultModelCallObservationConvention DEFAULT_CONVENTION = new DefaultModelCallObservationConvention();

	private final StepMeters meters;

	private final InternalFailures failures;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ModelCallObservationConvention convention;

	private final boolean includeContent;

	public ModelCallRecorder(StepMeters meters, InternalFailures failures,
			ObservationRegistry observationRegistry, @Nullable ModelCallObservationConvention convention,
			boolean includeContent) {
		this.meters = meters;
		this.failures = failures;
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.includeContent = includeContent;
	}

	/**
	 * Starts a model call.
	 * @param run the run the call belongs to, {@code null} outside any AI service
	 * @param request the request as the AI service or the caller sent it
	 * @param provider the model's provider
	 * @param defaults the model's default request parameters
	 * @return the call in flight
	 */
	public ModelCall start(@Nullable Run run, ChatRequest request, @Nullable ModelProvider provider,
			@Nullable ChatRequestParameters defaults) {
		return start(run, request, provider, defaults, TagKeys.OPERATION_CHAT);
	}

	/**
	 * Starts a model call of the given operation.
	 * @param run the run the call belongs to, {@code null} outside any AI service
	 * @param request the request
	 * @param provider the model's provider
	 * @param defaults the model's default request parameters
	 * @param operation the operation name
	 * @return the call in flight
	 */
	public ModelCall start(@Nullable Run run, ChatRequest request, @Nullable ModelProvider provider,
			@Nullable ChatRequestParameters defaults, String operation) {
		try {
			String agent = (run != null) ? run.agent() : TagKeys.AGENT_NONE;
			String providerName = ProviderNames.of(provider);
			String requestModel = requestModel(request, defaults);
			ModelCallObservationContext context = null;
			Observation observation = Observation.NOOP;
			if (!this.observationRegistry.isNoop()) {
				context = new ModelCallObservationContext(operation, agent, providerName, requestModel);
				if (this.includeContent) {
					context.setInputMessages(String.valueOf(request.messages()));
				}
				if (run != null && !run.observation().isNoop()) {
					context.setParentObservation(run.observation());
				}
				ModelCallObservationContext ctx = context;
				observation = VigilObservationDocumentation.MODEL_CALL
					.observation(this.convention, DEFAULT_CONVENTION, () -> ctx, this.observationRegistry)
					.start();
			}
			return new ModelCall(this.meters, this.failures, run, operation, agent, providerName, requestModel,
					observation, context, this.includeContent);
		}
		catch (RuntimeException ex) {
			this.failures.record("model-call", ex);
			return new ModelCall(this.meters, this.failures, run, operation, TagKeys.AGENT_NONE, TagKeys.UNKNOWN,
					TagKeys.UNKNOWN, Observation.NOOP, null, false);
		}
	}

	/**
	 * Returns the model a request asks for.
	 * @param request the request
	 * @param defaults the model's default parameters
	 * @return the model name, {@code unknown} when neither names one
	 */
	public static String requestModel(ChatRequest request, @Nullable ChatRequestParameters defaults) {
		String model = request.modelName();
		if (model == null && defaults != null) {
			model = defaults.modelName();
		}
		return (model != null) ? model : TagKeys.UNKNOWN;
	}

}
