package io.github.vigil.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.memory.ChatMemoryService;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.run.AgentRecord;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunKilledException;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Usage;
import io.github.vigil.run.Workflows;
import io.github.vigil.tool.ErrorTypes;
import io.github.vigil.tool.StandardToolResultClassifier;
import io.github.vigil.tool.ToolResultClassifier;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run pipeline: the runs in flight, and the middleware every run, model call and tool call passes through, in
 * order. It knows no capability; it keeps the facts every capability shares (a run's steps, tokens, outcome and
 * guard decisions), isolates each middleware's failures, and carries out a guard's decision to end a run.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Pipeline implements Workflows {

	/** The sub-agents about to be invoked on this thread, innermost last, each with its workflow run. */
	private static final ThreadLocal<@Nullable ArrayDeque<Entering>> entering = new ThreadLocal<>();

	/** The workflow runs started on this thread and not yet ended, innermost last. */
	private static final ThreadLocal<@Nullable ArrayDeque<ActiveRun>> workflowsHere = new ThreadLocal<>();

	private volatile BiFunction<String, String, @Nullable String> planningEndAnswer = (service, message) -> null;

	/** Workflow runs in flight, by their key (compared by identity). */
	private final Map<Object, ActiveRun> workflows = Collections.synchronizedMap(new IdentityHashMap<>());

	/** Error type of a run that was started and never ended. */
	public static final String ABANDONED = "abandoned";

	/** Error type of a sub-agent's run that was still going when its workflow ended. */
	static final String UNFINISHED = "unfinished";

	/** User id when neither an invocation parameter nor a chat memory id names one. */
	public static final String ANONYMOUS = Run.ANONYMOUS;

	private static final int MAX_OFFERED_TOOLS = 1000;

	/** The latest executor of each tool AI services offered, for replay. */
	private final Map<String, ToolExecutor> offeredTools = new ConcurrentHashMap<>();

	static final String NOT_EXECUTED = "This tool call was not executed: the run was ended by a guard.";

	private static final Logger guardLog = LoggerFactory.getLogger(GuardTrip.LOGGER_NAME);

	private static final int MESSAGE_SNIPPET = 200;

	private static final int SWEEP_EVERY = 1024;

	private static final AtomicReference<@Nullable Pipeline> defaultPipeline = new AtomicReference<>();

	/** Models left unwrapped whose AI services report to a pipeline of their own, weakly held. */
	private static final Map<Object, Pipeline> attached = Collections.synchronizedMap(new WeakHashMap<>());

	private final RunMiddleware[] middleware;

	private final String[] names;

	private final InternalFailures failures;

	private final List<ToolResultClassifier> classifiers;

	private final ContentRedactor redactor;

	private final String userIdKey;

	private final String runIdKey;

	private final long abandonAfterNanos;

	private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();

	private final Map<RequestKey, ActiveRun> pendingRequests = new ConcurrentHashMap<>();

	private final AtomicLong started = new AtomicLong();

	/** The runs that ended last: a run ends once, and a later report of its end is ignored. */
	private final EndedRuns ended = new EndedRuns(4096);

	/**
	 * Creates the pipeline.
	 * @param middleware the middleware, in order
	 * @param failures where failures inside Vigil are counted
	 * @param classifiers the user's tool-result rules, consulted before the built-in ones
	 * @param redactor how tool arguments in guard log lines are made safe
	 * @param userIdKey the invocation parameter that names the user
	 * @param runIdKey the invocation parameter that gives the run its id
	 * @param abandonAfter how long a run may stay unfinished before it is ended as abandoned
	 */
	public Pipeline(List<RunMiddleware> middleware, InternalFailures failures, List<ToolResultClassifier> classifiers,
			ContentRedactor redactor, String userIdKey, String runIdKey, Duration abandonAfter) {
		this.middleware = middleware.toArray(new RunMiddleware[0]);
		this.names = new String[this.middleware.length];
		for (int i = 0; i < this.middleware.length; i++) {
			this.names[i] = componentName(this.middleware[i]);
		}
		this.failures = failures;
		List<ToolResultClassifier> all = new ArrayList<>(classifiers);
		all.add(new StandardToolResultClassifier());
		this.classifiers = List.copyOf(all);
		this.redactor = redactor;
		this.userIdKey = userIdKey;
		this.runIdKey = runIdKey;
		this.abandonAfterNanos = abandonAfter.toNanos();
	}

	/**
	 * Returns the pipeline AI services report to when their chat model is not observed.
	 * @return the default, or {@code null}
	 */
	public static @Nullable Pipeline defaultPipeline() {
		return defaultPipeline.get();
	}

	/**
	 * Makes this pipeline the default.
	 */
	public void installAsDefault() {
		defaultPipeline.set(this);
	}

	/**
	 * Uninstalls this pipeline if it is the default, and forgets the models attached to it.
	 */
	public void uninstall() {
		defaultPipeline.compareAndSet(this, null);
		attached.values().removeIf((pipeline) -> pipeline == this);
	}

	/**
	 * Makes the AI services built with a model that is not wrapped report to this pipeline rather than to the
	 * default.
	 * @param model the model
	 */
	public void attach(Object model) {
		attached.put(model, this);
	}

	/**
	 * Returns the pipeline a model was attached to.
	 * @param model the model
	 * @return the pipeline, or {@code null}
	 */
	static @Nullable Pipeline attachedTo(@Nullable Object model) {
		return (model != null && !attached.isEmpty()) ? attached.get(model) : null;
	}

	/**
	 * Returns the middleware, in order.
	 * @return the middleware
	 */
	public List<RunMiddleware> middleware() {
		return List.of(this.middleware);
	}

	/**
	 * Returns where failures inside Vigil go.
	 * @return the failures
	 */
	public InternalFailures failures() {
		return this.failures;
	}

	/**
	 * Returns how many runs are in flight.
	 * @return the number of runs started and not yet ended
	 */
	public int activeRuns() {
		return this.active.size();
	}

	// ---------------------------------------------------------------- runs

	ActiveRun start(InvocationContext context, String agent, @Nullable String input, boolean gracefulEnd,
			@Nullable ChatMemory memory) {
		if (this.started.incrementAndGet() % SWEEP_EVERY == 0) {
			endAbandoned();
		}
		String memoryId = memoryId(context.chatMemoryId());
		ActiveRun nested = nested(context, agent, input, gracefulEnd, memory, memoryId);
		if (nested != null) {
			return nested;
		}
		ActiveRun run = new ActiveRun(this, context, runId(context), agent,
				userId(context.invocationParameters(), memoryId), memoryId, input, gracefulEnd, memory);
		ActiveRun previous = this.active.putIfAbsent(run.id(), run);
		if (previous != null) {
			return previous;
		}
		notifyStarted(run);
		return run;
	}

	private void notifyStarted(ActiveRun run) {
		for (int i = 0; i < this.middleware.length; i++) {
			try {
				this.middleware[i].runStarted(run);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	/**
	 * An AI-service call inside a workflow of this pipeline's: a sub-agent's run when one is being entered on this
	 * thread, a planning step when it runs on the workflow's own thread; {@code null} outside any workflow.
	 */
	private @Nullable ActiveRun nested(InvocationContext context, String agent, @Nullable String input,
			boolean gracefulEnd, @Nullable ChatMemory memory, @Nullable String memoryId) {
		ArrayDeque<Entering> agents = entering.get();
		Entering next = (agents != null) ? agents.peekLast() : null;
		if (next != null && next.workflow.finished()) {
			// the framework never said it left a sub-agent of a workflow that has ended
			agents.removeIf((each) -> each.workflow.finished());
			next = agents.peekLast();
		}
		ActiveRun workflow;
		String name;
		boolean planning;
		if (next != null && !next.claimed && next.workflow.pipeline() == this) {
			next.claimed = true;
			workflow = next.workflow;
			name = next.agent;
			planning = false;
		}
		else {
			ArrayDeque<ActiveRun> here = workflowsHere.get();
			if (here != null) {
				here.removeIf(ActiveRun::finished);
			}
			workflow = (here != null) ? here.peekLast() : null;
			if (workflow == null || workflow.pipeline() != this || (next != null && next.workflow == workflow)) {
				return null;
			}
			name = workflow.agent();
			planning = true;
		}
		if (workflow.finished()) {
			return null;
		}
		ActiveRun run = new ActiveRun(this, context, workflow, name, planning, memoryId, input, gracefulEnd, memory);
		ActiveRun previous = this.active.putIfAbsent(run.id(), run);
		if (previous != null) {
			return previous;
		}
		if (planning) {
			// the planner's calls are steps of the workflow's own span
			run.observation(workflow.observation());
			return run;
		}
		for (int i = 0; i < this.middleware.length; i++) {
			try {
				this.middleware[i].agentStarted(run);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
		return run;
	}

	// ---------------------------------------------------------------- workflows

	@Override
	public void started(Object key, String name, @Nullable String runId, @Nullable String userId,
			@Nullable String input) {
		try {
			UUID id = UUID.randomUUID();
			ActiveRun run = new ActiveRun(this, id, (runId != null && !runId.isBlank()) ? runId : id.toString(), name,
					(userId != null && !userId.isBlank()) ? userId : ANONYMOUS, input);
			if (this.workflows.putIfAbsent(key, run) != null) {
				return;
			}
			this.active.put(run.id(), run);
			ArrayDeque<ActiveRun> here = workflowsHere.get();
			if (here == null) {
				here = new ArrayDeque<>(2);
				workflowsHere.set(here);
			}
			here.addLast(run);
			notifyStarted(run);
		}
		catch (RuntimeException ex) {
			this.failures.record("workflow", ex);
		}
	}

	@Override
	public void planningEndAnswer(BiFunction<String, String, @Nullable String> answer) {
		this.planningEndAnswer = answer;
	}

	@Override
	public void agentEntering(Object key, String agent) {
		ActiveRun workflow = this.workflows.get(key);
		if (workflow == null) {
			return;
		}
		ArrayDeque<Entering> agents = entering.get();
		if (agents == null) {
			agents = new ArrayDeque<>(2);
			entering.set(agents);
		}
		agents.addLast(new Entering(workflow, agent));
	}

	@Override
	public void agentLeft(Object key) {
		ArrayDeque<Entering> agents = entering.get();
		if (agents == null) {
			return;
		}
		ActiveRun workflow = this.workflows.get(key);
		for (var each = agents.descendingIterator(); each.hasNext();) {
			if (each.next().workflow == workflow) {
				each.remove();
				break;
			}
		}
		if (agents.isEmpty()) {
			entering.remove();
		}
	}

	@Override
	public void completed(Object key, @Nullable String output) {
		ActiveRun run = leave(key);
		if (run != null) {
			ActiveRun.Ending ending = run.ending();
			if (ending != null) {
				finish(run, RunOutcome.KILLED, output, ending.trip().guard(), ending.trip().reason(), null);
			}
			else {
				finish(run, RunOutcome.COMPLETED, output, null, null, null);
			}
		}
	}

	@Override
	public void failed(Object key, Throwable error) {
		ActiveRun run = leave(key);
		if (run != null) {
			ActiveRun.Ending ending = run.ending();
			if (ending != null) {
				finish(run, RunOutcome.KILLED, null, ending.trip().guard(), ending.trip().reason(), error);
			}
			else {
				finish(run, RunOutcome.ERROR, null, ErrorTypes.of(error), error.getMessage(), error);
			}
		}
	}

	private @Nullable ActiveRun leave(Object key) {
		ActiveRun run = this.workflows.remove(key);
		ArrayDeque<ActiveRun> here = workflowsHere.get();
		if (here != null) {
			here.remove(run);
			if (here.isEmpty()) {
				workflowsHere.remove();
			}
		}
		return run;
	}

	@Nullable ActiveRun get(@Nullable UUID id) {
		return (id != null) ? this.active.get(id) : null;
	}

	void expectRequest(Object request, ActiveRun run) {
		this.pendingRequests.put(new RequestKey(request), run);
	}

	@Nullable ActiveRun claimRequest(Object request) {
		if (this.pendingRequests.isEmpty()) {
			return null;
		}
		return this.pendingRequests.remove(new RequestKey(request));
	}

	void complete(UUID id, @Nullable String output) {
		ActiveRun run = this.active.get(id);
		if (run == null) {
			return;
		}
		ActiveRun.Ending ending = run.ending();
		if (ending != null) {
			finish(run, RunOutcome.KILLED, output, ending.trip().guard(), ending.trip().reason(), null);
		}
		else {
			finish(run, RunOutcome.COMPLETED, output, null, null, null);
		}
	}

	void fail(InvocationContext context, String agent, Throwable error) {
		ActiveRun run = this.active.get(context.invocationId());
		if (run == null) {
			if (this.ended.contains(context.invocationId())) {
				// the run ended already: LangChain4j reports a stream's error again, or an error after completion
				return;
			}
			run = start(context, agent, null, false, null);
		}
		fail(run, error);
	}

	/**
	 * A step threw: an {@link Error} (which LangChain4j passes on without reporting the AI service's end) ends its
	 * run here, as an error with the error's class; the caller then rethrows it unchanged.
	 */
	private void thrown(@Nullable ActiveRun run, Throwable error) {
		if (run != null && !(error instanceof Exception)) {
			fail(run, error);
		}
	}

	private void fail(ActiveRun run, Throwable error) {
		ActiveRun.Ending ending = run.ending();
		if (ending != null) {
			finish(run, RunOutcome.KILLED, null, ending.trip().guard(), ending.trip().reason(), error);
		}
		else {
			finish(run, RunOutcome.ERROR, null, ErrorTypes.of(error), error.getMessage(), error);
		}
	}

	/**
	 * Ends, as abandoned, every run that has been in flight longer than the configured time.
	 */
	void endAbandoned() {
		long now = System.nanoTime();
		for (ActiveRun run : this.active.values()) {
			if (now - run.startNanos() > this.abandonAfterNanos) {
				finish(run, RunOutcome.ERROR, null, ABANDONED, "the run was never ended", null);
			}
		}
	}

	private void finish(ActiveRun run, RunOutcome outcome, @Nullable String output, @Nullable String errorType,
			@Nullable String errorMessage, @Nullable Throwable error) {
		if (!run.markFinished()) {
			return;
		}
		this.ended.add(run.id());
		this.active.remove(run.id(), run);
		for (ActiveRun agent : run.agentRuns()) {
			if (!agent.finished()) {
				// a sub-agent's call the workflow's framework never saw end
				finish(agent, RunOutcome.ERROR, null, UNFINISHED, "the workflow ended before this agent's call did",
						null);
			}
		}
		if (!this.pendingRequests.isEmpty()) {
			this.pendingRequests.values().removeIf((pending) -> pending == run);
		}
		ActiveRun parent = run.parentRun();
		RunRecord record = new RunRecord(run.runId(), run.startedAt(), run.agent(), run.userId(), run.memoryId(),
				run.input(), output, run.toolCallRecords(), run.inputTokens(), run.outputTokens(), run.modelCalls(),
				System.nanoTime() - run.startNanos(), outcome, errorType, errorMessage, run.trips(), run.grounding(),
				run.cacheReadTokens(), run.reasoningTokens(), run.cost(), run.currency(),
				(parent == null) ? run.agentRecords() : List.of());
		run.failure(error);
		if (parent != null) {
			agentFinished(run, record);
			return;
		}
		if (!this.workflows.isEmpty()) {
			// a workflow ended otherwise than by its framework (abandoned, suspended and never resumed)
			this.workflows.values().removeIf((workflow) -> workflow == run);
		}
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				this.middleware[i].runEnded(run, record);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	/** A sub-agent's run or a planning step ended: the workflow goes on. */
	private void agentFinished(ActiveRun run, RunRecord record) {
		if (run.planning()) {
			return;
		}
		run.agentRecord(new AgentRecord(run.agent(), record.inputTokens(), record.outputTokens(),
				record.modelCalls(), run.toolCalls(), record.outcome().value(), record.errorType()));
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				this.middleware[i].agentEnded(run, record);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	/** A sub-agent about to be invoked on a thread, until an AI-service call claims it. */
	private static final class Entering {

		final ActiveRun workflow;

		final String agent;

		boolean claimed;

		Entering(ActiveRun workflow, String agent) {
			this.workflow = workflow;
			this.agent = agent;
		}

	}

	void tripped(ActiveRun run, GuardTrip trip) {
		try {
			if (guardLog.isWarnEnabled()) {
				guardLog.warn("Vigil {} guard, action {}: run {} of agent {} for user {}: {}{}", trip.guard(),
						trip.action(), this.redactor.truncate(run.runId()), run.agent(),
						this.redactor.truncate(run.userId()), this.redactor.truncate(trip.reason()),
						(trip.arguments() != null) ? " (arguments " + this.redactor.apply(trip.arguments()) + ")"
								: "");
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("guard-log", ex);
		}
		for (int i = 0; i < this.middleware.length; i++) {
			try {
				this.middleware[i].guardTripped(run, trip);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	// ---------------------------------------------------------------- model calls

	/**
	 * A synchronous model call: the middleware's before hooks, the call, the after hooks.
	 */
	ChatResponse chat(@Nullable ActiveRun run, ChatRequest request, ChatModel model, String operation, boolean nested,
			Function<ChatRequest, ChatResponse> invocation) {
		// inside an AI service, the invocation carries the model's defaults and provider: asking the model again
		// would add calls to the user's object that do not happen without Vigil
		boolean fromInvocation = run != null && !nested;
		ModelStep step = new ModelStep(run, request,
				fromInvocation ? run.defaultRequestParameters() : model.defaultRequestParameters(),
				fromInvocation ? run.modelProvider() : model.provider(), operation, nested, false, model);
		ChatResponse answer = beforeModelCall(step);
		if (answer != null) {
			return answer;
		}
		ChatResponse response;
		step.started();
		try (Observation.Scope scope = step.observation().openScope()) {
			response = invocation.apply(step.request());
		}
		catch (RuntimeException | Error ex) {
			modelCallThrew(step, ex);
			throw ex;
		}
		return modelCallReturned(step, response);
	}

	ModelStep streamingStep(@Nullable ActiveRun run, ChatRequest request, StreamingChatModel model) {
		return new ModelStep(run, request,
				(run != null) ? run.defaultRequestParameters() : model.defaultRequestParameters(),
				(run != null) ? run.modelProvider() : model.provider(), ModelCall.CHAT, false, true, null);
	}

	/**
	 * Runs the before hooks of a model call.
	 * @return the answer to give instead of calling the model, or {@code null} to call it
	 * @throws RunKilledException when a guard ended the run with an error
	 */
	@Nullable ChatResponse beforeModelCall(ModelStep step) {
		ActiveRun run = step.activeRun();
		if (run != null && !step.nested()) {
			ChatResponse ended = endedAnswer(run);
			if (ended != null) {
				return ended;
			}
		}
		for (int i = 0; i < this.middleware.length; i++) {
			ChatResponse answer;
			try {
				answer = this.middleware[i].beforeModelCall(step);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
				continue;
			}
			if (answer != null) {
				return answer;
			}
			if (run != null && !step.nested() && run.ending() != null) {
				return endedAnswer(run);
			}
		}
		return null;
	}

	ChatResponse modelCallReturned(ModelStep step, ChatResponse response) {
		if (!step.end()) {
			return response;
		}
		ActiveRun run = step.activeRun();
		Usage usage = Usage.of((response != null) ? response.tokenUsage() : null);
		step.usage(usage);
		if (run != null) {
			// usage that is missing or cannot be true counts as unknown: it never trips a budget on its own
			if (usage.reported()) {
				run.addModelCall(usage.input(), usage.output(), usage.cacheRead(), usage.reasoning());
			}
			else {
				run.addModelCall(-1, -1, 0, 0);
			}
		}
		ChatResponse current = response;
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				ChatResponse next = this.middleware[i].afterModelCall(step, current);
				if (next != null && !step.streaming()) {
					current = next;
				}
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
		return current;
	}

	/** The model's method threw: the call failed, and an {@link Error} ends the run as well. */
	void modelCallThrew(ModelStep step, Throwable error) {
		modelCallFailed(step, error);
		thrown(step.activeRun(), error);
	}

	void modelCallFailed(ModelStep step, Throwable error) {
		if (!step.end()) {
			return;
		}
		ActiveRun run = step.activeRun();
		if (run != null) {
			run.addModelCall(-1, -1, 0, 0);
		}
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				this.middleware[i].modelCallFailed(step, error);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	private @Nullable ChatResponse endedAnswer(ActiveRun run) {
		ActiveRun.Ending ending = run.ending();
		if (ending == null) {
			return null;
		}
		String answer = (ending.action() == GuardAction.END && run.gracefulEnd()) ? ending.message() : null;
		if (answer == null && ending.action() == GuardAction.END && run.planning()) {
			answer = this.planningEndAnswer.apply(run.service(), ending.message());
		}
		if (answer != null) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(answer))
				.finishReason(FinishReason.OTHER)
				.tokenUsage(new TokenUsage(0, 0))
				.build();
		}
		throw new RunKilledException(run.runId(), ending.message(), ending.trip());
	}

	// ---------------------------------------------------------------- tool calls

	/**
	 * A tool call: the before hooks, the tool, its classified outcome, the after hooks. Exceptions the tool throws
	 * pass through unchanged, so LangChain4j's error handlers still apply.
	 */
	ToolExecutionResult executeTool(@Nullable ActiveRun run, String tool, ToolExecutionRequest request,
			boolean invented, Function<ToolExecutionRequest, ToolExecutionResult> invocation) {
		if (run != null && run.ending() != null) {
			return notExecuted();
		}
		ToolStep step = new ToolStep(run, tool, request, invented);
		for (int i = 0; i < this.middleware.length; i++) {
			ToolExecutionResult refused;
			try {
				refused = this.middleware[i].beforeToolCall(step);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
				continue;
			}
			if (refused != null) {
				return refused;
			}
			if (run != null && run.ending() != null) {
				return notExecuted();
			}
		}
		long start = System.nanoTime();
		ToolExecutionResult result;
		try (Observation.Scope scope = step.observation().openScope()) {
			result = invocation.apply(request);
		}
		catch (RuntimeException | Error ex) {
			toolCallFailed(step, ex, System.nanoTime() - start);
			thrown(run, ex);
			throw ex;
		}
		return toolCallReturned(step, result, System.nanoTime() - start, true);
	}

	/**
	 * Records a tool call seen only after it ran (a tool added to the run while it went on): the before hooks see
	 * it (a loop it trips ends the run before the next model call), then its outcome. It cannot be refused.
	 */
	void toolCallSeenAfter(ActiveRun run, String tool, ToolExecutionRequest request, ToolExecutionResult result,
			long nanos) {
		ToolStep step = new ToolStep(run, tool, request, false);
		for (int i = 0; i < this.middleware.length; i++) {
			try {
				this.middleware[i].beforeToolCall(step);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
		toolCallReturned(step, result, nanos, false);
	}

	private ToolExecutionResult toolCallReturned(ToolStep step, ToolExecutionResult result, long nanos,
			boolean replaceable) {
		try {
			String text = text(result);
			String errorType = classify(step.tool(), text);
			if (errorType == null && ((result != null && result.isError()) || step.invented())) {
				errorType = ErrorTypes.OTHER;
			}
			step.outcome(nanos, errorType, (errorType != null) ? describe(errorType, text) : null, text);
			ActiveRun run = step.activeRun();
			if (run != null) {
				run.addToolCall(step.record());
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("tool-call", ex);
		}
		ToolExecutionResult current = result;
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				ToolExecutionResult next = this.middleware[i].afterToolCall(step, current);
				if (next != null && replaceable) {
					current = next;
				}
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
		return current;
	}

	private void toolCallFailed(ToolStep step, Throwable error, long nanos) {
		try {
			Throwable cause = (error instanceof ToolExecutionException && error.getCause() != null) ? error.getCause()
					: error;
			step.outcome(nanos, ErrorTypes.of(error),
					(cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName(), null);
			ActiveRun run = step.activeRun();
			if (run != null) {
				run.addToolCall(step.record());
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("tool-call", ex);
		}
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				this.middleware[i].toolCallFailed(step, error);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	/**
	 * Classifies a tool's result as the pipeline does for every tool call.
	 * @param tool the tool name
	 * @param text what it returned
	 * @return the error type, {@code null} when the result is usable
	 */
	public @Nullable String classifyResult(String tool, String text) {
		return classify(tool, text);
	}

	/**
	 * Returns the executor, unobserved, of a tool an AI service offered through this pipeline.
	 * @param tool the tool name
	 * @return the executor, {@code null} when none was offered yet
	 */
	public @Nullable ToolExecutor offeredTool(String tool) {
		return this.offeredTools.get(tool);
	}

	void offered(String tool, ToolExecutor executor) {
		if (this.offeredTools.size() < MAX_OFFERED_TOOLS || this.offeredTools.containsKey(tool)) {
			this.offeredTools.put(tool, executor);
		}
	}

	private @Nullable String classify(String tool, @Nullable String text) {
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

	static ToolExecutionResult notExecuted() {
		return ToolExecutionResult.builder().isError(true).resultText(NOT_EXECUTED).build();
	}

	private static @Nullable String text(@Nullable ToolExecutionResult result) {
		if (result == null) {
			return "";
		}
		try {
			String text = result.resultText();
			return (text != null) ? text : "";
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String describe(String errorType, @Nullable String text) {
		String stripped = (text == null) ? "" : text.strip();
		String snippet = stripped.substring(0, Math.min(stripped.length(), MESSAGE_SNIPPET));
		return switch (errorType) {
			case ErrorTypes.HTML_RESPONSE -> "tool returned an HTML page: " + snippet;
			case ErrorTypes.INVALID_JSON -> "tool returned malformed JSON: " + snippet;
			case ErrorTypes.EMPTY_RESULT -> "tool returned an empty result";
			default -> "tool reported an error: " + snippet;
		};
	}

	// ---------------------------------------------------------------- ids

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

	/**
	 * The bounded component name a middleware's failures are counted under: its class's simple name in kebab case,
	 * {@code middleware} for anonymous and lambda classes.
	 */
	static String componentName(RunMiddleware middleware) {
		String name = middleware.getClass().getSimpleName();
		int lambda = name.indexOf("$$");
		if (lambda >= 0) {
			name = name.substring(0, lambda);
		}
		if (name.isEmpty() || middleware.getClass().isSynthetic()) {
			return (middleware instanceof io.github.vigil.run.RunSink) ? "run-sink" : "middleware";
		}
		StringBuilder out = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0) {
					out.append('-');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
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
