package io.github.vigil.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.metrics.Conventions;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.ProviderNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.ModelUsage;
import io.github.vigil.run.PromptVersion;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Step;
import io.github.vigil.run.ToolCall;
import io.github.vigil.run.Usage;
import io.github.vigil.run.WrittenFact;
import io.github.vigil.tool.ErrorTypes;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Telemetry as a middleware: the meters of every run and step (latency, tokens, tool outcomes, guard decisions)
 * and, with an {@link ObservationRegistry}, one observation per run with its model and tool calls as children, for
 * traces. Each fact is recorded once: meters are written here, never derived again from the observations.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Telemetry implements RunMiddleware {

	private static final DefaultRunObservationConvention RUN_CONVENTION = new DefaultRunObservationConvention();

	private static final DefaultModelCallObservationConvention MODEL_CALL_CONVENTION = new DefaultModelCallObservationConvention();

	private static final DefaultToolCallObservationConvention TOOL_CALL_CONVENTION = new DefaultToolCallObservationConvention();

	private static final DefaultOtherStepObservationConvention STEP_CONVENTION = new DefaultOtherStepObservationConvention();

	private final MeterRegistry meterRegistry;

	private final StepMeters meters;

	private final ObservationRegistry observationRegistry;

	private final boolean tracing;

	private final @Nullable RunObservationConvention runConvention;

	private final @Nullable ModelCallObservationConvention modelCallConvention;

	private final @Nullable ToolCallObservationConvention toolCallConvention;

	private final boolean includeContent;

	private final Conventions conventions;

	private final Map<TripKey, Counter> tripCounters = new ConcurrentHashMap<>();

	/**
	 * Creates the telemetry.
	 * @param meterRegistry where meters go
	 * @param observationRegistry where observations go, {@link ObservationRegistry#NOOP} for none
	 * @param runConvention a custom run convention, or {@code null}
	 * @param modelCallConvention a custom model-call convention, or {@code null}
	 * @param toolCallConvention a custom tool-call convention, or {@code null}
	 * @param includeContent whether prompts, answers, tool arguments and results go on observations
	 */
	public Telemetry(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			@Nullable RunObservationConvention runConvention,
			@Nullable ModelCallObservationConvention modelCallConvention,
			@Nullable ToolCallObservationConvention toolCallConvention, boolean includeContent) {
		this(meterRegistry, observationRegistry, runConvention, modelCallConvention, toolCallConvention,
				includeContent, Conventions.LATEST);
	}

	/**
	 * Creates the telemetry.
	 * @param meterRegistry where meters go
	 * @param observationRegistry where observations go, {@link ObservationRegistry#NOOP} for none
	 * @param runConvention a custom run convention, or {@code null}
	 * @param modelCallConvention a custom model-call convention, or {@code null}
	 * @param toolCallConvention a custom tool-call convention, or {@code null}
	 * @param includeContent whether prompts, answers, tool arguments and results go on observations
	 * @param conventions whether the previous GenAI conventions' names are recorded beside the current ones
	 */
	public Telemetry(MeterRegistry meterRegistry, ObservationRegistry observationRegistry,
			@Nullable RunObservationConvention runConvention,
			@Nullable ModelCallObservationConvention modelCallConvention,
			@Nullable ToolCallObservationConvention toolCallConvention, boolean includeContent,
			Conventions conventions) {
		this.meterRegistry = meterRegistry;
		this.meters = new StepMeters(meterRegistry, conventions);
		this.conventions = conventions;
		this.observationRegistry = observationRegistry;
		this.tracing = !observationRegistry.isNoop();
		this.runConvention = runConvention;
		this.modelCallConvention = modelCallConvention;
		this.toolCallConvention = toolCallConvention;
		this.includeContent = includeContent;
	}

	@Override
	public void runStarted(Run run) {
		if (!this.tracing) {
			return;
		}
		RunObservationContext context = new RunObservationContext(run.agent(), run.runId(), run.userId(),
				run.memoryId());
		context.setWorkflow(run.coordinates());
		if (this.includeContent) {
			context.setInput(run.input());
		}
		run.observation(VigilObservationDocumentation.RUN
			.observation(this.runConvention, RUN_CONVENTION, () -> context, this.observationRegistry)
			.start());
	}

	/** A sub-agent of a workflow: its own {@code invoke_agent} span under the workflow's, the parent of its steps. */
	@Override
	public void agentStarted(Run agent) {
		Run workflow = agent.parent();
		if (!this.tracing || workflow == null) {
			return;
		}
		RunObservationContext context = new RunObservationContext(agent.agent(), agent.runId(), agent.userId(),
				agent.memoryId());
		if (this.includeContent) {
			context.setInput(agent.input());
		}
		agent.observation(startUnder(VigilObservationDocumentation.RUN
			.observation(this.runConvention, RUN_CONVENTION, () -> context, this.observationRegistry)
			.parentObservation(workflow.observation()), workflow.observation()));
	}

	@Override
	public void agentEnded(Run agent, RunRecord record) {
		Observation observation = agent.observation();
		if (this.tracing && observation.getContext() instanceof RunObservationContext context) {
			context.finished(record, this.includeContent);
			failed(observation, agent.failure(), record);
			observation.stop();
		}
	}

	@Override
	public @Nullable ChatResponse beforeModelCall(ModelCall call) {
		if (this.tracing) {
			Run run = call.run();
			ModelCallObservationContext context = new ModelCallObservationContext(call.operation(), agent(run),
					ProviderNames.of(call.provider()), call.requestModel());
			context.setConventions(this.conventions);
			if (this.includeContent) {
				context.setInputMessages(String.valueOf(call.request().messages()));
			}
			context.setRun(knownUser(run), (run != null) ? run.memoryId() : null);
			if (run != null && !run.observation().isNoop()) {
				context.setParentObservation(run.observation());
			}
			Observation observation = startUnder(VigilObservationDocumentation.MODEL_CALL
				.observation(this.modelCallConvention, MODEL_CALL_CONVENTION, () -> context, this.observationRegistry),
					(run != null) ? run.observation() : Observation.NOOP);
			call.observation(observation);
		}
		return null;
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		Usage usage = call.usage();
		long input = usage.reported() ? usage.input() : -1;
		long output = usage.reported() ? usage.output() : -1;
		recordChunks(call);
		String responseModel = (response != null && response.modelName() != null) ? response.modelName()
				: TagKeys.UNKNOWN;
		this.meters.recordModelCall(call.operation(), agent(call.run()), ProviderNames.of(call.provider()),
				call.requestModel(), responseModel, TagKeys.ERROR_NONE, call.durationNanos(), usage);
		Observation observation = call.observation();
		if (this.tracing && observation.getContext() instanceof ModelCallObservationContext context) {
			context.setResponseModel(responseModel);
			context.setTokens(input, output);
			context.setUsage(usage);
			if (response != null && response.finishReason() != null) {
				context.setFinishReason(response.finishReason().name().toLowerCase());
			}
			writeFacts(call, context);
			if (this.includeContent && response != null && response.aiMessage() != null) {
				context.setOutputMessage(String.valueOf(response.aiMessage()));
			}
			context.markEnded();
			observation.stop();
		}
		return response;
	}

	@Override
	public void modelCallFailed(ModelCall call, Throwable error) {
		String errorType = ErrorTypes.of(error);
		recordChunks(call);
		this.meters.recordModelCall(call.operation(), agent(call.run()), ProviderNames.of(call.provider()),
				call.requestModel(), TagKeys.UNKNOWN, errorType, call.durationNanos(), Usage.MISSING);
		Observation observation = call.observation();
		if (this.tracing && observation.getContext() instanceof ModelCallObservationContext context) {
			context.setErrorType(errorType);
			context.markEnded();
			observation.error(error);
			observation.stop();
		}
	}

	@Override
	public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
		if (this.tracing) {
			Run run = call.run();
			ToolCallObservationContext context = new ToolCallObservationContext(call.tool(), agent(run),
					call.request().id());
			context.setServer(call.server());
			context.setRun(knownUser(run), (run != null) ? run.memoryId() : null);
			if (this.includeContent) {
				context.setArguments(call.request().arguments());
			}
			if (run != null && !run.observation().isNoop()) {
				context.setParentObservation(run.observation());
			}
			Observation observation = startUnder(VigilObservationDocumentation.TOOL_CALL
				.observation(this.toolCallConvention, TOOL_CALL_CONVENTION, () -> context, this.observationRegistry),
					(run != null) ? run.observation() : Observation.NOOP);
			call.observation(observation);
		}
		return null;
	}

	@Override
	public ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
		toolCallEnded(call, null);
		return result;
	}

	@Override
	public void toolCallFailed(ToolCall call, Throwable error) {
		toolCallEnded(call, error);
	}

	private void toolCallEnded(ToolCall call, @Nullable Throwable error) {
		String errorType = (call.errorType() != null) ? call.errorType() : TagKeys.ERROR_NONE;
		this.meters.recordToolCall(call.tool(), agent(call.run()), errorType, call.durationNanos());
		if (call.server() != null) {
			this.meters.recordMcpCall(call.server(), call.tool(), errorType, call.durationNanos());
		}
		Observation observation = call.observation();
		if (this.tracing && observation.getContext() instanceof ToolCallObservationContext context) {
			McpCalls.ended(context, errorType);
			context.setErrorType(errorType);
			if (this.includeContent) {
				context.setResult(call.resultText());
			}
			context.markEnded();
			if (error != null) {
				observation.error(error);
			}
			else if (!TagKeys.ERROR_NONE.equals(errorType)) {
				// a "successful" call that returned an HTML page or an error is a failed step for every backend
				observation.error(new FailedStep(errorType));
			}
			observation.stop();
		}
	}

	/** A step of another kind: its span under its run's, named by its kind's operation and its name. */
	@Override
	public void stepStarted(Step step) {
		if (!this.tracing) {
			return;
		}
		Run run = step.run();
		OtherStepObservationContext context = new OtherStepObservationContext(step.kind(), step.name(), agent(run));
		context.setRun(knownUser(run), (run != null) ? run.memoryId() : null);
		Step enclosing = step.parent();
		Observation parent = (enclosing != null && !enclosing.observation().isNoop()) ? enclosing.observation()
				: (run != null) ? run.observation() : Observation.NOOP;
		if (!parent.isNoop()) {
			context.setParentObservation(parent);
		}
		step.observation(startUnder(VigilObservationDocumentation.STEP
			.observation(null, STEP_CONVENTION, () -> context, this.observationRegistry), parent));
	}

	@Override
	public void stepEnded(Step step) {
		String errorType = step.errorType();
		this.meters.recordStep(step.kind().name(), step.name(), agent(step.run()),
				(errorType != null) ? errorType : TagKeys.ERROR_NONE, step.durationNanos());
		ModelUsage used = step.fact(ModelUsage.class);
		if (used != null) {
			this.meters.recordTokens(step.kind().operation(), agent(step.run()), used.provider(), used.model(),
					used.model(), used.usage());
		}
		Observation observation = step.observation();
		if (this.tracing && observation.getContext() instanceof OtherStepObservationContext context) {
			context.setErrorType(errorType);
			writeFacts(step, context);
			context.markEnded();
			if (errorType != null) {
				observation.error(new FailedStep(errorType));
			}
			observation.stop();
		}
	}

	@Override
	public void guardTripped(Run run, GuardTrip trip) {
		run.observation().event(Observation.Event.of("vigil.guard." + trip.guard(), trip.reason()));
		String tool = (trip.tool() != null) ? trip.tool() : TagKeys.AGENT_NONE;
		TripKey key = new TripKey(trip.guard(), trip.action(), run.agent(), tool);
		Counter counter = this.tripCounters.get(key);
		if (counter == null) {
			counter = this.tripCounters.computeIfAbsent(key, (k) -> Counter.builder(MeterNames.GUARD_TRIPS)
				.description("Guard decisions: runs ended, warned or trimmed by a guard")
				.tag(TagKeys.GUARD, k.guard())
				.tag(TagKeys.ACTION, k.action())
				.tag(TagKeys.AGENT_NAME, k.agent())
				.tag(TagKeys.TOOL_NAME, k.tool())
				.register(this.meterRegistry));
		}
		counter.increment();
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		if (ErrorTypes.OUTPUT_PARSING.equals(record.errorType())) {
			this.meters.recordOutputParsingFailure(record.agent(), ReturnTypes.of(run.service(), run.method()));
		}
		this.meters.recordRun(record.agent(), run.coordinates(), record.outcome().value(),
				(record.errorType() != null) ? record.errorType() : TagKeys.ERROR_NONE, record.durationNanos(),
				record.totalTokens(), run.toolCalls(), record.modelCalls());
		Observation observation = run.observation();
		if (this.tracing && observation.getContext() instanceof RunObservationContext context) {
			context.finished(record, this.includeContent);
			PromptVersion prompt = record.fact(PromptVersion.class);
			if (prompt != null) {
				if (prompt.name() != null) {
					context.addHighCardinalityKeyValue(KeyValue.of("gen_ai.prompt.name", prompt.name()));
				}
				context.addHighCardinalityKeyValue(KeyValue.of("gen_ai.prompt.version", prompt.version()));
			}
			failed(observation, run.failure(), record);
			observation.stop();
		}
	}

	/** The facts a step learned that write themselves (a call's cost, a retrieval's results), on its span. */
	private void writeFacts(Step step, Observation.Context context) {
		if (step.facts().isEmpty()) {
			return;
		}
		SpanFacts facts = new SpanFacts(context, this.includeContent);
		for (Object fact : step.facts().all()) {
			if (fact instanceof WrittenFact written) {
				written.write(facts);
			}
		}
	}

	/**
	 * Starts a step's observation with its run's observation in scope. A tracer takes the span in scope as the
	 * parent when it differs from the parent observation's (Micrometer Tracing treats it as a span the user opened),
	 * so without this, inside a web request, the request's server span would become every step's parent.
	 */
	private static Observation startUnder(Observation child, Observation parent) {
		if (parent.isNoop()) {
			return child.start();
		}
		try (Observation.Scope scope = parent.openScope()) {
			return child.start();
		}
	}

	/** A run that did not complete is a failed span: its throwable, else its error type (a guard's name if killed). */
	private static void failed(Observation observation, @Nullable Throwable failure, RunRecord record) {
		if (failure != null) {
			observation.error(failure);
		}
		else if (record.outcome() != RunOutcome.COMPLETED) {
			observation.error(
					new FailedStep((record.errorType() != null) ? record.errorType() : record.outcome().value()));
		}
	}

	private static String agent(@Nullable Run run) {
		return (run != null) ? run.agent() : TagKeys.AGENT_NONE;
	}

	private static @Nullable String knownUser(@Nullable Run run) {
		return (run != null && !Run.ANONYMOUS.equals(run.userId())) ? run.userId() : null;
	}

	private void recordChunks(ModelCall call) {
		long first = call.timeToFirstChunkNanos();
		if (!call.streaming() || first < 0) {
			return;
		}
		int chunks = call.chunks();
		long perChunk = (chunks > 1) ? Math.max(0, call.durationNanos() - first) / (chunks - 1) : -1;
		this.meters.recordChunks(call.operation(), agent(call.run()), ProviderNames.of(call.provider()),
				call.requestModel(), first, perChunk);
	}

	private record TripKey(String guard, String action, String agent, String tool) {
	}

}
