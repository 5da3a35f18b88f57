package io.github.vigil.tool;

import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.metrics.InternalFailures;
import io.github.vigil.metrics.StepMeters;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.observation.DefaultToolCallObservationConvention;
import io.github.vigil.observation.ToolCallObservationContext;
import io.github.vigil.observation.ToolCallObservationConvention;
import io.github.vigil.observation.VigilObservationDocumentation;
import io.github.vigil.run.Run;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Starts {@link ToolCall}s and holds the result classifiers: the user's rules first, then the built-in ones.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ToolCallRecorder {

	private static final DefaultToolCallObservationConvention DEFAULT_CONVENTION =
			new DefaultToolCallObservationConvention();

	private final StepMeters meters;

	private final InternalFailures failures;

	private final List<ToolResultClassifier> classifiers;

	private final ObservationRegistry observationRegistry;

	private final @Nullable ToolCallObservationConvention convention;

	private final boolean includeContent;

	public ToolCallRecorder(StepMeters meters, InternalFailures failures, List<ToolResultClassifier> classifiers,
			ObservationRegistry observationRegistry, @Nullable ToolCallObservationConvention convention,
			boolean includeContent) {
		this.meters = meters;
		this.failures = failures;
		List<ToolResultClassifier> all = new ArrayList<>(classifiers);
		all.add(new StandardToolResultClassifier());
		this.classifiers = List.copyOf(all);
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.includeContent = includeContent;
	}

	/**
	 * Starts a tool call.
	 * @param tool the tool's name, {@code _unknown} for a tool that does not exist
	 * @param request the model's request
	 * @param run the run it belongs to, if known
	 * @return the call in flight
	 */
	public ToolCall start(String tool, ToolExecutionRequest request, @Nullable Run run) {
		return start(tool, request, run, (run != null) ? run.agent() : TagKeys.AGENT_NONE);
	}

	/**
	 * Starts a tool call whose run is not known, for an agent that is.
	 * @param tool the tool's name, {@code _unknown} for a tool that does not exist
	 * @param request the model's request
	 * @param agent the agent name
	 * @return the call in flight
	 */
	public ToolCall start(String tool, ToolExecutionRequest request, String agent) {
		return start(tool, request, null, agent);
	}

	/**
	 * Records a tool call that has already finished, seen only afterwards (a tool added to the run while it ran).
	 * It is classified and counted like any other call; it has no span, as its start was not seen.
	 * @param tool the tool's name
	 * @param request the model's request
	 * @param run the run it belongs to
	 * @param result what the tool returned
	 * @param nanos how long it took
	 */
	public void recordFinished(String tool, ToolExecutionRequest request, Run run, ToolExecutionResult result,
			long nanos) {
		new ToolCall(this, tool, request, run, run.agent(), Observation.NOOP, null).returned(result, nanos);
	}

	private ToolCall start(String tool, ToolExecutionRequest request, @Nullable Run run, String agent) {
		ToolCallObservationContext context = null;
		Observation observation = Observation.NOOP;
		try {
			if (!this.observationRegistry.isNoop()) {
				context = new ToolCallObservationContext(tool, agent, request.id());
				if (this.includeContent) {
					context.setArguments(request.arguments());
				}
				if (run != null && !run.observation().isNoop()) {
					context.setParentObservation(run.observation());
				}
				ToolCallObservationContext ctx = context;
				observation = VigilObservationDocumentation.TOOL_CALL
					.observation(this.convention, DEFAULT_CONVENTION, () -> ctx, this.observationRegistry)
					.start();
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("tool-call", ex);
			context = null;
			observation = Observation.NOOP;
		}
		return new ToolCall(this, tool, request, run, agent, observation, context);
	}

	@Nullable String classify(String tool, @Nullable String text) {
		for (ToolResultClassifier classifier : this.classifiers) {
			try {
				String type = classifier.classify(tool, text);
				if (type != null) {
					return type;
				}
			}
			catch (RuntimeException ex) {
				this.failures.record("tool-classifier", ex);
			}
		}
		return null;
	}

	StepMeters meters() {
		return this.meters;
	}

	InternalFailures failures() {
		return this.failures;
	}

	boolean includeContent() {
		return this.includeContent;
	}

}
