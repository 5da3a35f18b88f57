package io.github.vigil.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.run.AgentRecord;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's {@link Run}: who and what it is for, its place in a workflow, its state, and how a guard ended it; what
 * it counted is its {@link RunTally}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ActiveRun extends RunTally {

	private final Pipeline pipeline;

	private final UUID id;

	private final String runId;

	private final String agent;

	private final String service;

	private final String method;

	private final String userId;

	private final @Nullable String memoryId;

	private final @Nullable String input;

	private final boolean gracefulEnd;

	private final Instant startedAt;

	private final long startNanos;

	private final @Nullable ChatMemory memory;

	private final @Nullable ChatRequestParameters defaultRequestParameters;

	private final @Nullable ModelProvider modelProvider;

	private final AtomicBoolean finished = new AtomicBoolean();

	private final AtomicReference<@Nullable Ending> ending = new AtomicReference<>();

	private volatile Observation observation = Observation.NOOP;

	private volatile @Nullable Throwable failure;

	/** The workflow run this run is a step of, {@code null} for a run of its own. */
	private final @Nullable ActiveRun parent;

	private final boolean planning;

	private final boolean coordinates;

	/** A workflow run's sub-agent runs, in the order they started. */
	private final ConcurrentLinkedQueue<ActiveRun> agents = new ConcurrentLinkedQueue<>();

	/** A sub-agent run's share, once it ended. */
	private volatile @Nullable AgentRecord agentRecord;

	ActiveRun(Pipeline pipeline, InvocationContext invocation, String runId, String agent, String userId, @Nullable String memoryId,
			@Nullable String input, boolean gracefulEnd, @Nullable ChatMemory memory) {
		this(pipeline, invocation, runId, agent, userId, memoryId, input, gracefulEnd, memory, null, false);
	}

	/** A sub-agent's run (or a planning step) nested in a workflow run. */
	ActiveRun(Pipeline pipeline, InvocationContext invocation, ActiveRun parent, String agent, boolean planning,
			@Nullable String memoryId, @Nullable String input, boolean gracefulEnd, @Nullable ChatMemory memory) {
		this(pipeline, invocation, parent.runId(), agent, parent.userId(), memoryId, input, gracefulEnd, memory, parent,
				planning);
		if (!planning) {
			parent.agents.add(this);
		}
	}

	private ActiveRun(Pipeline pipeline, InvocationContext invocation, String runId, String agent, String userId,
			@Nullable String memoryId, @Nullable String input, boolean gracefulEnd, @Nullable ChatMemory memory,
			@Nullable ActiveRun parent, boolean planning) {
		super(parent);
		this.pipeline = pipeline;
		this.id = invocation.invocationId();
		this.defaultRequestParameters = invocation.defaultRequestParameters();
		this.modelProvider = invocation.modelProvider();
		this.runId = runId;
		this.agent = agent;
		this.service = (invocation.interfaceName() != null) ? invocation.interfaceName() : agent;
		this.method = (invocation.methodName() != null) ? invocation.methodName() : "";
		this.userId = userId;
		this.memoryId = memoryId;
		this.input = input;
		this.gracefulEnd = gracefulEnd;
		this.memory = memory;
		this.startedAt = Instant.now();
		this.startNanos = System.nanoTime();
		this.parent = parent;
		this.planning = planning;
		this.coordinates = false;
	}

	/** A workflow's run: it is not one AI-service call, its sub-agents' calls are nested in it. */
	ActiveRun(Pipeline pipeline, UUID id, String runId, String name, String userId, @Nullable String input) {
		super(null);
		this.pipeline = pipeline;
		this.id = id;
		this.defaultRequestParameters = null;
		this.modelProvider = null;
		this.runId = runId;
		this.agent = name;
		this.service = name;
		this.method = "";
		this.userId = userId;
		this.memoryId = null;
		this.input = input;
		this.gracefulEnd = true;
		this.memory = null;
		this.startedAt = Instant.now();
		this.startNanos = System.nanoTime();
		this.parent = null;
		this.planning = false;
		this.coordinates = true;
	}

	@Override
	public @Nullable Run parent() {
		return this.parent;
	}

	@Nullable ActiveRun parentRun() {
		return this.parent;
	}

	@Override
	public boolean planning() {
		return this.planning;
	}

	@Override
	public boolean coordinates() {
		return this.coordinates;
	}

	/** The sub-agents' shares, in the order they started; one still running counts as it stands. */
	List<AgentRecord> agentRecords() {
		List<AgentRecord> records = new ArrayList<>();
		for (ActiveRun agent : this.agents) {
			AgentRecord record = agent.agentRecord;
			records.add((record != null) ? record
					: new AgentRecord(agent.agent(), agent.inputTokens(), agent.outputTokens(), agent.modelCalls(),
							agent.toolCalls(), "error", "unfinished"));
		}
		return records;
	}

	/** A workflow run's sub-agent runs, in the order they started. */
	Iterable<ActiveRun> agentRuns() {
		return this.agents;
	}

	void agentRecord(AgentRecord record) {
		this.agentRecord = record;
	}

	boolean finished() {
		return this.finished.get();
	}

	UUID id() {
		return this.id;
	}

	Pipeline pipeline() {
		return this.pipeline;
	}

	@Nullable ChatRequestParameters defaultRequestParameters() {
		return this.defaultRequestParameters;
	}

	@Nullable ModelProvider modelProvider() {
		return this.modelProvider;
	}

	long startNanos() {
		return this.startNanos;
	}

	@Override
	public String runId() {
		return this.runId;
	}

	@Override
	public String agent() {
		return this.agent;
	}

	@Override
	public String service() {
		return this.service;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public String userId() {
		return this.userId;
	}

	@Override
	public @Nullable String memoryId() {
		return this.memoryId;
	}

	@Override
	public @Nullable String input() {
		return this.input;
	}

	@Override
	public Instant startedAt() {
		return this.startedAt;
	}

	@Override
	public boolean gracefulEnd() {
		return this.gracefulEnd;
	}

	@Override
	public @Nullable ChatMemory memory() {
		return this.memory;
	}

	@Override
	public void trip(GuardTrip trip) {
		if (this.parent != null) {
			this.parent.trip(named(trip));
			return;
		}
		addTrip(trip);
		this.pipeline.tripped(this, trip);
	}

	/** A decision taken in a sub-agent's run names the sub-agent. */
	private GuardTrip named(GuardTrip trip) {
		return (trip.agent() == null && !this.planning) ? trip.withAgent(this.agent) : trip;
	}

	@Override
	public boolean end(GuardTrip trip, GuardAction action, String message) {
		if (this.parent != null) {
			// a guard ends the whole workflow, whichever sub-agent tripped it
			return this.parent.end(named(trip), action, message);
		}
		GuardAction effective = (action == GuardAction.ERROR || !this.gracefulEnd) ? GuardAction.ERROR
				: GuardAction.END;
		GuardTrip taken = trip.withAction(effective.tripValue());
		if (!this.ending.compareAndSet(null, new Ending(taken, effective, message))) {
			return false;
		}
		trip(taken);
		return true;
	}

	@Override
	public @Nullable GuardTrip endedBy() {
		Ending current = ending();
		return (current != null) ? current.trip() : null;
	}

	@Override
	public @Nullable String endMessage() {
		Ending current = ending();
		return (current != null) ? current.message() : null;
	}

	@Nullable Ending ending() {
		return (this.parent != null) ? this.parent.ending() : this.ending.get();
	}

	@Override
	public @Nullable Throwable failure() {
		return this.failure;
	}

	void failure(@Nullable Throwable failure) {
		this.failure = failure;
	}

	@Override
	public Observation observation() {
		return this.observation;
	}

	@Override
	public void observation(Observation observation) {
		this.observation = observation;
	}

	@Override
	public ChatResponse callModel(ChatModel model, ChatRequest request, String operation) {
		return this.pipeline.modelCalls().chat(this, request, model, operation, true, model::chat);
	}

	boolean markFinished() {
		return this.finished.compareAndSet(false, true);
	}

}
