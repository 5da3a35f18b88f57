package io.github.vigil.internal;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.internal.Chain.Hook;
import io.github.vigil.run.AgentRecord;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Steps;
import io.github.vigil.run.Workflows;
import io.github.vigil.tool.ErrorTypes;
import io.github.vigil.tool.ToolOutcomes;
import org.jspecify.annotations.Nullable;

/**
 * The kernel: runs start, pass their steps through the {@linkplain Chain chain} of middleware, and end once. It
 * keeps the facts every capability shares (a run's steps, tokens, outcome and guard decisions) and carries out a
 * guard's decision to end a run; what it knows of a capability is the hooks it calls.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Pipeline {

	/** Error type of a run that was started and never ended. */
	public static final String ABANDONED = "abandoned";

	/** Error type of a sub-agent's run that was still going when its workflow ended. */
	static final String UNFINISHED = "unfinished";

	private final Chain chain;

	private final RunRegistry registry;

	private final WorkflowRuns workflows;

	private final ModelCalls modelCalls;

	private final ToolCalls toolCalls;

	private final OtherSteps steps;

	private final long abandonAfterNanos;

	private final Supplier<@Nullable String> version;

	private final ServiceAttachment attachment;

	/**
	 * Creates the pipeline.
	 * @param middleware the middleware, in order
	 * @param failures where failures inside Vigil are counted
	 * @param outcomes how tool results are classified
	 * @param userIdKey the invocation parameter that names the user
	 * @param runIdKey the invocation parameter that gives the run its id
	 * @param abandonAfter how long a run may stay unfinished before it is ended as abandoned
	 * @param version the application's version as each run ends, on its record; it may answer {@code null}
	 */
	public Pipeline(List<RunMiddleware> middleware, InternalFailures failures, ToolOutcomes outcomes, String userIdKey,
			String runIdKey, Duration abandonAfter, Supplier<@Nullable String> version) {
		this.chain = new Chain(middleware, failures);
		this.attachment = new ServiceAttachment(failures);
		this.registry = new RunRegistry(userIdKey, runIdKey);
		this.workflows = new WorkflowRuns(this);
		this.modelCalls = new ModelCalls(this, this.chain);
		this.toolCalls = new ToolCalls(this, this.chain, outcomes);
		this.steps = new OtherSteps(this.registry, this.chain, this::thrown);
		this.abandonAfterNanos = abandonAfter.toNanos();
		this.version = version;
	}

	private @Nullable String version() {
		try {
			String version = this.version.get();
			return (version != null && !version.isBlank()) ? version : null;
		}
		catch (RuntimeException ex) {
			// the application's supplier must not cost a run its record
			return null;
		}
	}

	/**
	 * Returns the pipeline AI services report to when their chat model is not observed.
	 * @return the default, or {@code null}
	 */
	public static @Nullable Pipeline defaultPipeline() {
		return Attachments.defaultPipeline();
	}

	/** Makes this pipeline the default. */
	public void installAsDefault() {
		Attachments.install(this);
	}

	/** Uninstalls this pipeline if it is the default, and forgets the models attached to it. */
	public void uninstall() {
		Attachments.uninstall(this);
	}

	/**
	 * Makes the AI services built with a model that is not wrapped report to this pipeline rather than to the
	 * default.
	 * @param model the model
	 */
	public void attach(Object model) {
		Attachments.attach(model, this);
	}

	/**
	 * Returns the middleware, in order.
	 * @return the middleware
	 */
	public List<RunMiddleware> middleware() {
		return this.chain.middleware();
	}

	/**
	 * Returns where failures inside Vigil go.
	 * @return the failures
	 */
	public InternalFailures failures() {
		return this.chain.failures();
	}

	/**
	 * Returns how many runs are in flight.
	 * @return the number of runs started and not yet ended
	 */
	public int activeRuns() {
		return this.registry.size();
	}

	/**
	 * Returns where a multi-agent framework's integration reports workflows.
	 * @return the workflows
	 */
	public Workflows workflows() {
		return this.workflows;
	}

	/**
	 * Returns what this pipeline adds to each AI service it attaches to: the capabilities' listeners of its events,
	 * the observer of its moderation model, the prompts the application named, whether MCP tools name their server.
	 * @return the attachment's settings
	 */
	public ServiceAttachment attachment() {
		return this.attachment;
	}

	/**
	 * Returns where the integrations of other kinds of step report them.
	 * @return the steps
	 */
	public Steps steps() {
		return this.steps;
	}

	/**
	 * Classifies a tool's result as the pipeline does for every tool call.
	 * @param tool the tool name
	 * @param text what it returned
	 * @return the error type, {@code null} when the result is usable
	 */
	public @Nullable String classifyResult(String tool, String text) {
		return this.toolCalls.outcomes().classify(tool, text);
	}

	/**
	 * Returns the executor, unobserved, of a tool an AI service offered through this pipeline.
	 * @param tool the tool name
	 * @return the executor, {@code null} when none was offered yet
	 */
	public @Nullable ToolExecutor offeredTool(String tool) {
		return this.toolCalls.offered(tool);
	}

	RunRegistry registry() {
		return this.registry;
	}

	ModelCalls modelCalls() {
		return this.modelCalls;
	}

	ToolCalls toolCalls() {
		return this.toolCalls;
	}

	// ---------------------------------------------------------------- runs

	ActiveRun start(InvocationContext context, String agent, @Nullable String input, boolean gracefulEnd,
			@Nullable ChatMemory memory) {
		if (this.registry.startedOneMore()) {
			endAbandoned();
		}
		String memoryId = RunRegistry.memoryId(context.chatMemoryId());
		WorkflowRuns.Nest nest = this.workflows.nestedIn(context);
		ActiveRun run = (nest != null)
				? new ActiveRun(this, context, nest.workflow(), nest.agent(), nest.planning(), memoryId, input,
						gracefulEnd, memory)
				: new ActiveRun(this, context, this.registry.runId(context), agent,
						this.registry.userId(context.invocationParameters(), memoryId), memoryId, input, gracefulEnd,
						memory);
		ActiveRun previous = this.registry.register(run);
		if (previous != null) {
			return previous;
		}
		if (nest == null) {
			this.chain.forward(Hook.RUN_STARTED, (middleware) -> middleware.runStarted(run));
		}
		else if (nest.planning()) {
			// the planner's calls are steps of the workflow's own span
			run.observation(nest.workflow().observation());
		}
		else {
			this.chain.forward(Hook.AGENT_STARTED, (middleware) -> middleware.agentStarted(run));
		}
		return run;
	}

	/** A workflow's run started. */
	void started(ActiveRun workflow) {
		this.registry.register(workflow);
		this.chain.forward(Hook.RUN_STARTED, (middleware) -> middleware.runStarted(workflow));
	}

	void complete(ActiveRun run, @Nullable String output) {
		Ending ending = run.ending();
		if (ending != null) {
			finish(run, RunOutcome.KILLED, output, ending.trip().guard(), ending.trip().reason(), null);
		}
		else {
			finish(run, RunOutcome.COMPLETED, output, null, null, null);
		}
	}

	/** LangChain4j reported an AI service's failure; a run that ended already stays as it ended. */
	void fail(InvocationContext context, String agent, Throwable error) {
		ActiveRun run = this.registry.get(context.invocationId());
		if (run == null) {
			if (this.registry.endedRecently(context.invocationId())) {
				// the run ended already: LangChain4j reports a stream's error again, or an error after completion
				return;
			}
			run = start(context, agent, null, false, null);
		}
		fail(run, error);
	}

	void fail(ActiveRun run, Throwable error) {
		Ending ending = run.ending();
		if (ending != null) {
			finish(run, RunOutcome.KILLED, null, ending.trip().guard(), ending.trip().reason(), error);
		}
		else {
			finish(run, RunOutcome.ERROR, null, ErrorTypes.of(error), ErrorTypes.message(error), error);
		}
	}

	/**
	 * A step threw: an {@link Error} (which LangChain4j passes on without reporting the AI service's end) ends its
	 * run here, as an error with the error's class; the caller then rethrows it unchanged.
	 */
	void thrown(@Nullable ActiveRun run, Throwable error) {
		if (run != null && !(error instanceof Exception)) {
			fail(run, error);
		}
	}

	/** Ends, as abandoned, every run that has been in flight longer than the configured time. */
	void endAbandoned() {
		long now = System.nanoTime();
		for (ActiveRun run : this.registry.active()) {
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
		this.registry.ended(run);
		for (ActiveRun agent : run.agentRuns()) {
			if (!agent.finished()) {
				// a sub-agent's call the workflow's framework never saw end
				finish(agent, RunOutcome.ERROR, null, UNFINISHED, "the workflow ended before this agent's call did",
						null);
			}
		}
		ActiveRun parent = run.parentRun();
		RunRecord record = RunRecord.builder(run.runId(), run.agent())
			.timestamp(run.startedAt())
			.user(run.userId(), run.memoryId())
			.content(run.input(), output)
			.toolCalls(run.toolCallRecords())
			.steps(run.stepRecords())
			.tokens(run.inputTokens(), run.outputTokens(), run.cacheReadTokens(), run.reasoningTokens())
			.modelCalls(run.modelCalls())
			.durationNanos(System.nanoTime() - run.startNanos())
			.ending(outcome, errorType, errorMessage)
			.guardTrips(run.trips())
			.agents((parent == null) ? run.agentRecords() : List.of())
			.facts(run.facts())
			.version(version())
			.build();
		run.failure(error);
		if (parent != null) {
			if (!run.planning()) {
				run.agentRecord(new AgentRecord(run.agent(), record.inputTokens(), record.outputTokens(),
						record.modelCalls(), run.toolCalls(), record.outcome().value(), record.errorType()));
				this.chain.reverse(Hook.AGENT_ENDED, (middleware) -> middleware.agentEnded(run, record));
			}
			return;
		}
		this.workflows.forget(run);
		this.chain.reverse(Hook.RUN_ENDED, (middleware) -> middleware.runEnded(run, record));
	}

	void tripped(ActiveRun run, GuardTrip trip) {
		this.chain.forward(Hook.GUARD_TRIPPED, (middleware) -> middleware.guardTripped(run, trip));
	}

}
