package io.github.vigil.run;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.memory.ChatMemoryService;
import io.github.vigil.metrics.InternalFailures;
import io.github.vigil.metrics.StepMeters;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.observation.DefaultRunObservationConvention;
import io.github.vigil.observation.RunObservationContext;
import io.github.vigil.observation.RunObservationConvention;
import io.github.vigil.observation.VigilObservationDocumentation;
import io.github.vigil.tool.ErrorTypes;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The runs in flight, keyed by LangChain4j's invocation id, and what happens when one ends: its meters, its
 * observation, and one record to every {@link RunSink}. A run is removed when it ends, whether it completed or
 * threw; a run nobody ends (a token stream that was never started) is ended as {@code abandoned} after the
 * configured time.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Runs {

	/** Error type of a run that was started and never ended. */
	public static final String ABANDONED = "abandoned";

	/** User id when neither an invocation parameter nor a chat memory id names one. */
	public static final String ANONYMOUS = "anonymous";

	private static final DefaultRunObservationConvention DEFAULT_CONVENTION = new DefaultRunObservationConvention();

	private static final int SWEEP_EVERY = 1024;

	private final Map<UUID, Run> active = new ConcurrentHashMap<>();

	private final Map<RequestKey, Run> pendingRequests = new ConcurrentHashMap<>();

	private final AtomicLong started = new AtomicLong();

	private final StepMeters meters;

	private final InternalFailures failures;

	private final List<RunSink> sinks;

	private final ObservationRegistry observationRegistry;

	private final @Nullable RunObservationConvention convention;

	private final String userIdKey;

	private final String runIdKey;

	private final boolean includeContent;

	private final long abandonAfterNanos;

	/**
	 * Creates the registry.
	 * @param meters where run meters go
	 * @param failures where internal failures go
	 * @param sinks the sinks that receive finished runs
	 * @param observationRegistry the observation registry ({@link ObservationRegistry#NOOP} for none)
	 * @param convention a custom run convention, or {@code null}
	 * @param userIdKey the invocation parameter that names the user
	 * @param runIdKey the invocation parameter that gives the run its id
	 * @param includeContent whether input and output go on the run's observation
	 * @param abandonAfter how long a run may stay unfinished before it is ended as abandoned
	 */
	public Runs(StepMeters meters, InternalFailures failures, List<RunSink> sinks,
			ObservationRegistry observationRegistry, @Nullable RunObservationConvention convention, String userIdKey,
			String runIdKey, boolean includeContent, Duration abandonAfter) {
		this.runIdKey = runIdKey;
		this.meters = meters;
		this.failures = failures;
		this.sinks = List.copyOf(sinks);
		this.observationRegistry = observationRegistry;
		this.convention = convention;
		this.userIdKey = userIdKey;
		this.includeContent = includeContent;
		this.abandonAfterNanos = abandonAfter.toNanos();
	}

	/**
	 * Starts a run.
	 * @param context the AI-service invocation
	 * @param agent agent name
	 * @param input the user message text, if any
	 * @param gracefulEnd whether the method can return a graceful answer when a guard ends the run
	 * @return the run
	 */
	public Run start(InvocationContext context, String agent, @Nullable String input, boolean gracefulEnd) {
		if (this.started.incrementAndGet() % SWEEP_EVERY == 0) {
			endAbandoned();
		}
		String runId = runId(context);
		String memoryId = memoryId(context.chatMemoryId());
		String userId = userId(context.invocationParameters(), memoryId);
		RunObservationContext observationContext = null;
		Observation observation = Observation.NOOP;
		if (!this.observationRegistry.isNoop()) {
			observationContext = new RunObservationContext(agent, runId, userId, memoryId);
			if (this.includeContent) {
				observationContext.setInput(input);
			}
			RunObservationContext ctx = observationContext;
			observation = VigilObservationDocumentation.RUN
				.observation(this.convention, DEFAULT_CONVENTION, () -> ctx, this.observationRegistry)
				.start();
		}
		Run run = new Run(context.invocationId(), runId, agent, userId, memoryId, input, gracefulEnd, Instant.now(),
				System.nanoTime(), observation, observationContext);
		Run previous = this.active.putIfAbsent(run.id(), run);
		return (previous != null) ? previous : run;
	}

	/**
	 * Returns the run in flight with the given id.
	 * @param id the invocation id
	 * @return the run, or {@code null}
	 */
	public @Nullable Run get(UUID id) {
		return this.active.get(id);
	}

	/**
	 * Notes that the given chat request is about to be sent for a run, so that the model decorator that receives
	 * it, possibly on another thread, attributes the call to the run.
	 * @param request the request instance
	 * @param run the run
	 */
	public void expectRequest(Object request, Run run) {
		this.pendingRequests.put(new RequestKey(request), run);
	}

	/**
	 * Takes the run a chat request was sent for.
	 * @param request the request instance
	 * @return the run, or {@code null} when the request belongs to no run
	 */
	public @Nullable Run claimRequest(Object request) {
		if (this.pendingRequests.isEmpty()) {
			return null;
		}
		return this.pendingRequests.remove(new RequestKey(request));
	}

	/**
	 * Ends a run that returned.
	 * @param id the invocation id
	 * @param output the answer text, if any
	 */
	public void complete(UUID id, @Nullable String output) {
		Run run = this.active.get(id);
		if (run != null) {
			Run.Kill kill = run.kill();
			if (kill != null) {
				finish(run, RunOutcome.KILLED, output, kill.trip().guard(), kill.trip().reason(), null);
			}
			else {
				finish(run, RunOutcome.COMPLETED, output, null, null, null);
			}
		}
	}

	/**
	 * Ends a run that threw. A run that failed before it started (for example in the prompt template) is started
	 * and ended here, so it still has its record.
	 * @param context the invocation
	 * @param agent agent name
	 * @param error what it threw
	 */
	public void fail(InvocationContext context, String agent, Throwable error) {
		Run run = this.active.get(context.invocationId());
		if (run == null) {
			run = start(context, agent, null, false);
		}
		Run.Kill kill = run.kill();
		if (kill != null) {
			finish(run, RunOutcome.KILLED, null, kill.trip().guard(), kill.trip().reason(), error);
		}
		else {
			finish(run, RunOutcome.ERROR, null, ErrorTypes.of(error), error.getMessage(), error);
		}
	}

	/**
	 * Returns how many runs are in flight.
	 * @return the number of runs started and not yet ended
	 */
	public int active() {
		return this.active.size();
	}

	/**
	 * Ends, as abandoned, every run that has been in flight longer than the configured time.
	 */
	public void endAbandoned() {
		long now = System.nanoTime();
		for (Run run : this.active.values()) {
			if (now - run.startNanos() > this.abandonAfterNanos) {
				finish(run, RunOutcome.ERROR, null, ABANDONED, "the run was never ended", null);
			}
		}
	}

	private void finish(Run run, RunOutcome outcome, @Nullable String output, @Nullable String errorType,
			@Nullable String errorMessage, @Nullable Throwable error) {
		if (!run.markFinished()) {
			return;
		}
		this.active.remove(run.id(), run);
		if (!this.pendingRequests.isEmpty()) {
			this.pendingRequests.values().removeIf((pending) -> pending == run);
		}
		long duration = System.nanoTime() - run.startNanos();
		RunRecord record = new RunRecord(run.runId(), run.startedAt(), run.agent(), run.userId(),
				run.memoryId(), run.input(), output, run.toolCallRecords(), run.inputTokens(), run.outputTokens(),
				run.modelCalls(), duration, outcome, errorType, errorMessage, run.trips(), run.grounding());
		try {
			this.meters.recordRun(run.agent(), outcome.value(), (errorType != null) ? errorType : TagKeys.ERROR_NONE,
					duration, record.totalTokens(), run.toolCalls());
		}
		catch (RuntimeException ex) {
			this.failures.record("run-metrics", ex);
		}
		stopObservation(run, record, error);
		for (RunSink sink : this.sinks) {
			try {
				sink.accept(record);
			}
			catch (RuntimeException ex) {
				this.failures.record("run-sink", ex);
			}
		}
	}

	private void stopObservation(Run run, RunRecord record, @Nullable Throwable error) {
		RunObservationContext context = run.observationContext();
		if (context == null) {
			return;
		}
		try {
			context.finished(record, this.includeContent);
			if (error != null) {
				run.observation().error(error);
			}
			run.observation().stop();
		}
		catch (RuntimeException ex) {
			this.failures.record("run-observation", ex);
		}
	}

	private static @Nullable String memoryId(@Nullable Object memoryId) {
		if (memoryId == null || ChatMemoryService.DEFAULT.equals(memoryId)) {
			return null;
		}
		return String.valueOf(memoryId);
	}

	private String runId(InvocationContext context) {
		InvocationParameters parameters = context.invocationParameters();
		if (parameters != null) {
			Object runId = parameters.asMap().get(this.runIdKey);
			if (runId != null && !String.valueOf(runId).isBlank()) {
				return String.valueOf(runId);
			}
		}
		return context.invocationId().toString();
	}

	private String userId(@Nullable InvocationParameters parameters, @Nullable String memoryId) {
		if (parameters != null) {
			Object user = parameters.asMap().get(this.userIdKey);
			if (user != null && !String.valueOf(user).isBlank()) {
				return String.valueOf(user);
			}
		}
		return (memoryId != null) ? memoryId : ANONYMOUS;
	}

	/** Identity of a request object, whatever its {@code equals}. */
	private static final class RequestKey {

		private final Object request;

		RequestKey(Object request) {
			this.request = request;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof RequestKey key && key.request == this.request;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.request);
		}

	}

}
