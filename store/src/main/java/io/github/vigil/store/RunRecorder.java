package io.github.vigil.store;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.cost.CallCost;
import io.github.vigil.cost.RunCost;
import io.github.vigil.grounding.Flag;
import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.PromptVersion;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Step;
import io.github.vigil.run.ToolCall;
import io.github.vigil.run.Usage;
import io.github.vigil.tool.ErrorTypes;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The run store's middleware: records each run's steps on its timeline and, when the run ends, hands the run to a
 * background writer. The user's thread does the recording and one non-blocking queue offer, nothing more; sampling
 * keeps every run with an error, a kill, a tool failure, a guard decision or a flag.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RunRecorder implements RunMiddleware, AutoCloseable {

	private final ToolServers servers = new ToolServers();

	/** Steps recorded per run at most; later ones are counted in the run's totals only. */
	static final int MAX_STEPS = 200;

	private static final int EXCERPT_LENGTH = 300;

	/** Content kept per field until redaction: enough for the longest cut the redactors make. */
	private static final int RAW_LIMIT = 4096;

	private final RunStore store;

	private final StorePolicy policy;

	private final ContentRedactor redactor;

	private final ContentRedactor excerpts;

	private final String instance;

	private final Function<Run, @Nullable String> traceIds;

	private final StoreWriter writer;

	/**
	 * Creates the recorder and starts its writer.
	 * @param store where runs go
	 * @param policy how they are kept
	 * @param redactor the run log's content policy, applied unless the policy keeps content whole
	 * @param instance the name of this application instance
	 * @param traceIds the trace id of a run, {@code null} when it is not traced
	 * @param registry where the writer's counters go
	 * @param clock the clock retention is measured by
	 */
	public RunRecorder(RunStore store, StorePolicy policy, ContentRedactor redactor, String instance,
			Function<Run, @Nullable String> traceIds, MeterRegistry registry, Clock clock) {
		this.store = store;
		this.policy = policy;
		this.redactor = policy.fullContent() ? new ContentRedactor(Integer.MAX_VALUE - 64, false) : redactor;
		this.excerpts = policy.fullContent() ? this.redactor : new ContentRedactor(EXCERPT_LENGTH, true);
		this.instance = instance;
		this.traceIds = traceIds;
		this.writer = new StoreWriter(store, policy, registry, clock, this::prepared);
	}

	/**
	 * Returns the store runs are written to.
	 * @return the store
	 */
	public RunStore store() {
		return this.store;
	}

	/**
	 * Waits until every run ended so far is written: for tests, reports and shutdown.
	 * @param timeout how long to wait at most
	 * @return whether all were written in time
	 */
	public boolean flush(Duration timeout) {
		return this.writer.flush(timeout);
	}

	@Override
	public void runStarted(Run run) {
		run.state(Timeline.class, Timeline::new);
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		Timeline timeline = timeline(call.run());
		if (timeline != null) {
			Usage usage = call.usage();
			String finish = (response != null && response.finishReason() != null)
					? response.finishReason().name().toLowerCase(Locale.ROOT) : null;
			timeline.add(new StoredStep(0, StoredStep.MODEL, timeline.offsetOf(call),
					call.durationNanos() / 1000, call.requestModel(), StoredStep.SUCCESS, null, null, null, null,
					(response != null) ? response.modelName() : null, usage.reported() ? usage.input() : 0,
					usage.reported() ? usage.output() : 0,
					finish, call.operation(), cost(call.fact(CallCost.class))));
		}
		return response;
	}

	@Override
	public void modelCallFailed(ModelCall call, Throwable error) {
		Timeline timeline = timeline(call.run());
		if (timeline != null) {
			timeline.add(new StoredStep(0, StoredStep.MODEL, timeline.offsetOf(call),
					call.durationNanos() / 1000, call.requestModel(), StoredStep.ERROR, ErrorTypes.of(error),
					raw(String.valueOf(error.getMessage())), null, null, null, 0, 0, null, call.operation(), null));
		}
	}

	/**
	 * Returns which MCP server served which tools, as the tool calls recorded so far showed.
	 * @return the servers
	 */
	public ToolServers servers() {
		return this.servers;
	}

	@Override
	public ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
		served(call);
		Timeline timeline = timeline(call.run());
		if (timeline != null) {
			boolean failed = call.errorType() != null;
			timeline.add(new StoredStep(0, StoredStep.TOOL, timeline.offsetOf(call),
					call.durationNanos() / 1000, call.tool(), failed ? StoredStep.ERROR : StoredStep.SUCCESS,
					call.errorType(), failed ? raw(call.errorMessage()) : null, raw(call.request().arguments()),
					raw(call.resultText()), null, 0, 0, null, null, null, server(call)));
		}
		return result;
	}

	@Override
	public void toolCallFailed(ToolCall call, Throwable error) {
		served(call);
		Timeline timeline = timeline(call.run());
		if (timeline != null) {
			timeline.add(new StoredStep(0, StoredStep.TOOL, timeline.offsetOf(call),
					call.durationNanos() / 1000, call.tool(), StoredStep.ERROR,
					(call.errorType() != null) ? call.errorType() : ErrorTypes.of(error),
					raw(String.valueOf(error.getMessage())), raw(call.request().arguments()), null, null, 0, 0, null,
					null, null, server(call)));
		}
	}

	private static @Nullable String server(ToolCall call) {
		String server = call.server();
		return (server != null && !server.isEmpty()) ? server : null;
	}

	private void served(ToolCall call) {
		String server = server(call);
		if (server != null) {
			this.servers.served(server, call.tool());
		}
	}

	/** A step of another kind (a retrieval, a guardrail check) on the run's timeline, by its kind's name. */
	@Override
	public void stepEnded(Step step) {
		Timeline timeline = timeline(step.run());
		if (timeline != null) {
			boolean failed = step.errorType() != null;
			String message = (failed && step instanceof OpenStep open) ? raw(open.errorMessage()) : null;
			timeline.add(new StoredStep(0, step.kind().name(), timeline.offsetOf(step),
					step.durationNanos() / 1000, step.name(), failed ? StoredStep.ERROR : StoredStep.SUCCESS,
					step.errorType(), message, raw(step.input()), raw(FactsJson.of(step.facts())), null, 0, 0, null,
					null, cost(step.fact(CallCost.class))));
		}
	}

	private static @Nullable BigDecimal cost(@Nullable CallCost cost) {
		return (cost != null) ? cost.amount() : null;
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		Timeline timeline = run.state(Timeline.class);
		List<StoredStep> steps = (timeline != null) ? timeline.ordered() : List.of();
		GroundingOutcome grounding = record.fact(GroundingOutcome.class);
		List<Flag> flags = (grounding != null) ? grounding.flags() : List.of();
		RunCost cost = record.fact(RunCost.class);
		// content stays raw (cut, not redacted) until the writer's thread: the user's thread only hands over
		StoredRun stored = new StoredRun(record.runId(), traceId(run), this.instance, record.agent(), run.service(),
				run.method(), record.userId(), record.memoryId(), record.timestamp(),
				record.timestamp().plusNanos(record.durationNanos()), record.outcome().value(), record.errorType(),
				raw(record.errorMessage()), record.inputTokens(), record.outputTokens(), raw(record.input()),
				raw(record.output()), record.guardTrips(), flags, steps, (cost != null) ? cost.amount() : null,
				(cost != null) ? cost.currency() : null,
				record.agents(), record.version(), record.fact(PromptVersion.class));
		if (!kept(stored)) {
			return;
		}
		this.writer.offer(stored);
	}

	/** Content cut to what redaction may need, so queued runs stay small; whole when the policy keeps it whole. */
	private @Nullable String raw(@Nullable String content) {
		if (content == null || this.policy.fullContent() || content.length() <= RAW_LIMIT) {
			return content;
		}
		return content.substring(0, RAW_LIMIT);
	}

	/** Truncates and redacts a run's content under the policy: on the writer's thread, before it is stored. */
	StoredRun prepared(StoredRun run) {
		List<StoredStep> steps = new ArrayList<>(run.steps().size());
		for (StoredStep step : run.steps()) {
			steps.add(new StoredStep(step.index(), step.kind(), step.startOffsetMicros(), step.durationMicros(),
					step.name(), step.outcome(), step.errorType(), this.redactor.apply(step.errorMessage()),
					this.redactor.apply(step.arguments()), this.excerpts.apply(step.resultExcerpt()),
					step.responseModel(), step.inputTokens(), step.outputTokens(), step.finishReason(),
					step.operation(), step.cost(), step.server()));
		}
		List<GuardTrip> trips = new ArrayList<>(run.guardTrips().size());
		for (GuardTrip trip : run.guardTrips()) {
			trips.add(new GuardTrip(trip.guard(), trip.rule(), trip.tool(), trip.count(),
					this.redactor.apply(trip.arguments()), trip.action(), trip.reason()));
		}
		return new StoredRun(run.runId(), run.traceId(), run.instance(), run.agent(), run.service(), run.method(),
				this.redactor.truncate(run.userId()), this.redactor.truncate(run.memoryId()), run.startedAt(),
				run.endedAt(), run.outcome(), run.errorType(), this.redactor.apply(run.errorMessage()),
				run.inputTokens(), run.outputTokens(), this.redactor.apply(run.input()),
				this.redactor.apply(run.output()), trips, run.flags(), steps, run.cost(), run.currency(),
				run.agents(), run.version(), run.prompt());
	}

	private boolean kept(StoredRun run) {
		double rate = this.policy.sampleRate();
		return rate >= 1.0 || run.notable() || ThreadLocalRandom.current().nextDouble() < rate;
	}

	private @Nullable String traceId(Run run) {
		try {
			return this.traceIds.apply(run);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Timeline timeline(@Nullable Run run) {
		return (run != null) ? run.state(Timeline.class) : null;
	}

	/** Stops taking runs and writes what is queued. */
	@Override
	public void close() {
		this.writer.close();
		this.store.close();
	}

	/** A run's steps as they end, each placed by when it started. */
	private static final class Timeline {

		/**
		 * In the order the steps started; a step that starts with another (a lookup inside a tool call) comes after
		 * the one that encloses it.
		 */
		private static final Comparator<StoredStep> TIMELINE = Comparator.comparingLong(StoredStep::startOffsetMicros)
			.thenComparing(Comparator.comparingLong(StoredStep::durationMicros).reversed());

		private final long startNanos = System.nanoTime();

		private final List<StoredStep> steps = new ArrayList<>();

		/** Where a step starts on the run's timeline, in microseconds from the run's start. */
		long offsetOf(Step step) {
			return Math.max(0, (step.startNanos() - this.startNanos) / 1000);
		}

		synchronized void add(StoredStep step) {
			if (this.steps.size() < MAX_STEPS) {
				this.steps.add(step);
			}
		}

		synchronized List<StoredStep> ordered() {
			List<StoredStep> ordered = new ArrayList<>(this.steps);
			ordered.sort(TIMELINE);
			for (int i = 0; i < ordered.size(); i++) {
				if (ordered.get(i).index() != i) {
					ordered.set(i, ordered.get(i).withIndex(i));
				}
			}
			return ordered;
		}

	}

}
