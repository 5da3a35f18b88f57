package io.github.vigil.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.run.Capabilities;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.store.TriageException.Reason;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;

/**
 * The on-call questions, answered from the run store: which tool fails, with which errors, since when, for one user
 * or many, and the failing call replayed with its exact inputs.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Triage {

	/** The window of a tool summary when none is given. */
	public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(15);

	/** The longest window a summary covers. */
	public static final Duration MAX_WINDOW = Duration.ofDays(31);

	private volatile ToolServers servers = new ToolServers();

	/** Runs of a user listed when no limit is given. */
	public static final int DEFAULT_RUNS = 20;

	/** Runs of a user listed at most. */
	public static final int MAX_RUNS = 500;

	/** How many windows back the onset of a step-up is looked for. */
	static final int ONSET_LOOKBACK_WINDOWS = 4;

	static final int SLICES = 200;

	private static final int ZOOMS = 3;

	private final RunStore store;

	private final Clock clock;

	private final ReplayPolicy replay;

	private final @Nullable LiveTools tools;

	private final Function<Class<?>, @Nullable Object> services;

	private final Map<Class<?>, Object> replayTargets = new ConcurrentHashMap<>();

	private final ContentRedactor excerpts = new ContentRedactor(300, true);

	private final Runnable catchUp;

	private volatile @Nullable LiveSteps liveSteps;

	/**
	 * Returns a Vigil's triage over its run store: the on-call questions and replay.
	 * @param vigil the Vigil
	 * @return triage
	 * @throws IllegalStateException when the run store is off
	 */
	public static Triage of(Capabilities vigil) {
		return vigil.capability(Triage.class)
			.orElseThrow(() -> new IllegalStateException(
					"the run store is off (vigil.store.enabled=false), so there is no triage"));
	}

	/**
	 * Creates triage over a store.
	 * @param store the store
	 * @param clock the clock windows end by
	 * @param replay what replay may do
	 * @param tools the live tools replay calls, {@code null} when replay is off
	 * @param services finds the AI service of an interface for run replay, {@code null} for none
	 */
	public Triage(RunStore store, Clock clock, ReplayPolicy replay, @Nullable LiveTools tools,
			Function<Class<?>, @Nullable Object> services) {
		this(store, clock, replay, tools, services, () -> {
		});
	}

	/**
	 * Creates triage over a store that runs reach through a background writer.
	 * @param store the store
	 * @param clock the clock windows end by
	 * @param replay what replay may do
	 * @param tools the live tools replay calls, {@code null} when replay is off
	 * @param services finds the AI service of an interface for run replay, {@code null} for none
	 * @param catchUp waits, briefly, until the runs that ended before it are in the store, so that every answer
	 * counts them
	 */
	public Triage(RunStore store, Clock clock, ReplayPolicy replay, @Nullable LiveTools tools,
			Function<Class<?>, @Nullable Object> services, Runnable catchUp) {
		this.store = store;
		this.clock = clock;
		this.replay = replay;
		this.tools = tools;
		this.services = services;
		this.catchUp = catchUp;
	}

	/**
	 * Registers the AI service a run replay calls for runs of its interface, for applications without a container
	 * that finds it.
	 * @param type the AI-service interface
	 * @param service the service, as {@code AiServices} built it
	 * @param <T> the interface
	 * @return this triage
	 */
	public <T> Triage replayTarget(Class<T> type, T service) {
		this.replayTargets.put(type, service);
		return this;
	}

	/**
	 * Returns the store triage reads.
	 * @return the store
	 */
	public RunStore store() {
		this.catchUp.run();
		return this.store;
	}

	/**
	 * Returns what replay may do.
	 * @return the policy
	 */
	public ReplayPolicy replayPolicy() {
		return this.replay;
	}

	// ---------------------------------------------------------------- questions

	/**
	 * Summarizes a tool over a window ending now: calls, errors by type with first and last seen, users affected,
	 * and the onset of a step-up in the error rate (looked for over four windows back).
	 * @param tool the tool
	 * @param window the window
	 * @return the summary
	 */
	public ToolSummary summary(String tool, Duration window) {
		return summary(StoredStep.TOOL, tool, window);
	}

	/**
	 * Summarizes the steps of a kind and name over a window ending now, as {@link #summary(String, Duration)} does a
	 * tool's calls: a retriever's retrievals, with {@code empty} and {@code below_threshold} among their error types.
	 * @param kind the steps' kind, such as {@code retrieval}
	 * @param tool the steps' name: the retriever's
	 * @param window the window
	 * @return the summary
	 */
	public ToolSummary summary(String kind, String tool, Duration window) {
		return summary(new StepQuery(kind, tool, null), window);
	}

	private ToolSummary summary(StepQuery steps, Duration window) {
		this.catchUp.run();
		requireTool(steps.name());
		if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
			throw new TriageException(Reason.INVALID, "window must be positive and at most 31d, was " + window);
		}
		Instant now = this.clock.instant();
		Instant until = now.plusMillis(1);
		Instant from = now.minus(window);
		List<ToolCallCounts> counts = this.store.stepCalls(steps, from, until, window);
		long calls = 0;
		long errors = 0;
		for (ToolCallCounts slice : counts) {
			calls += slice.calls();
			errors += slice.errors();
		}
		List<ErrorTypeCount> types = this.store.errorTypes(steps, from, until);
		AffectedUsers users = this.store.affectedUsers(steps, from, until);
		Onset onset = onset(steps, now.minus(window.multipliedBy(ONSET_LOOKBACK_WINDOWS)), until);
		return new ToolSummary(steps.name(), window, calls, errors, types, users.users(), users.topUserShare(),
				onset.at, onset.basis, onset.healthyRate, onset.recoveredAt);
	}

	/**
	 * Asks a question about a tool's calls that one server served, of a store that keeps the server of each step; of
	 * one that does not, about all the tool's calls, as the tools this server served.
	 */
	private <T> T served(String server, String tool, Function<StepQuery, T> question) {
		try {
			return question.apply(new StepQuery(StoredStep.TOOL, tool, server));
		}
		catch (UnsupportedOperationException ex) {
			return question.apply(StepQuery.tool(tool));
		}
	}

	/**
	 * Counts an MCP server's tool calls and their failures over a range, all its tools together: what the console
	 * shows, without the error types, users and onset of {@link #server(String, Duration)}.
	 * @param server the MCP client's key
	 * @param from from this time
	 * @param until before this time
	 * @return the calls and failures, {@code start} being {@code from}
	 */
	public ToolCallCounts serverCalls(String server, Instant from, Instant until) {
		this.catchUp.run();
		Duration range = Duration.between(from, until);
		long calls = 0;
		long errors = 0;
		for (String tool : this.servers.tools(server)) {
			for (ToolCallCounts slice : served(server, tool, (steps) -> this.store.stepCalls(steps, from, until, range))) {
				calls += slice.calls();
				errors += slice.errors();
			}
		}
		return new ToolCallCounts(from, calls, errors);
	}

	/**
	 * Returns which MCP server served which tools.
	 * @return the servers, as the run recorder saw them
	 */
	public ToolServers toolServers() {
		return this.servers;
	}

	/**
	 * Summarizes each MCP server that served a tool call of this application, over a window ending now.
	 * @param window the window
	 * @return one summary per server, by the server's key; empty without MCP tools
	 */
	public List<ServerSummary> servers(Duration window) {
		List<ServerSummary> summaries = new ArrayList<>();
		for (String server : this.servers.servers()) {
			if (!this.servers.tools(server).isEmpty()) {
				summaries.add(server(server, window));
			}
		}
		return summaries;
	}

	/**
	 * Summarizes an MCP server's tool calls over a window ending now: its tools' summaries, and their calls, failures
	 * and error types together.
	 * @param server the MCP client's key
	 * @param window the window
	 * @return the summary
	 * @throws TriageException {@code NOT_FOUND} for a server no tool call of this application was served by
	 */
	public ServerSummary server(String server, Duration window) {
		requireTool(server);
		List<String> tools = this.servers.tools(server);
		if (tools.isEmpty()) {
			throw new TriageException(Reason.NOT_FOUND, "no MCP server " + server + " served a tool call here; servers: "
					+ this.servers.servers());
		}
		List<ToolSummary> summaries = new ArrayList<>();
		Map<String, ErrorTypeCount> types = new LinkedHashMap<>();
		long calls = 0;
		long errors = 0;
		long users = 0;
		Instant onset = null;
		for (String tool : tools) {
			ToolSummary summary = served(server, tool, (steps) -> summary(steps, window));
			summaries.add(summary);
			calls += summary.calls();
			errors += summary.errors();
			users = Math.max(users, summary.usersAffected());
			if (summary.onset() != null && (onset == null || summary.onset().isBefore(onset))) {
				onset = summary.onset();
			}
			for (ErrorTypeCount type : summary.errorTypes()) {
				types.merge(type.type(), type, (a, b) -> new ErrorTypeCount(a.type(), a.count() + b.count(),
						a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
						a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(),
						(a.sampleMessage() != null) ? a.sampleMessage() : b.sampleMessage()));
			}
		}
		List<ErrorTypeCount> byCount = new ArrayList<>(types.values());
		byCount.sort(java.util.Comparator.comparingLong(ErrorTypeCount::count).reversed());
		return new ServerSummary(server, window, calls, errors, byCount, users, onset, summaries);
	}

	/**
	 * Splits an agent's runs over a window ending now by the version of its prompt: runs, failures, when each version
	 * was first and last used, and each scorer's mean score of its runs.
	 * @param agent the agent
	 * @param window the window, at most 31 days
	 * @return the versions, the first used first
	 */
	public List<PromptRuns> prompts(String agent, Duration window) {
		this.catchUp.run();
		requireTool(agent);
		if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
			throw new TriageException(Reason.INVALID, "window must be positive and at most 31d, was " + window);
		}
		Instant now = this.clock.instant();
		return this.store.runsByPrompt(agent, now.minus(window), now.plusMillis(1));
	}

	/**
	 * Sets where triage learns which MCP server served which tools.
	 * @param servers the servers, as the run recorder saw them
	 * @return this triage
	 */
	public Triage toolServers(ToolServers servers) {
		this.servers = java.util.Objects.requireNonNull(servers, "servers must not be null");
		return this;
	}

	private Onset onset(StepQuery steps, Instant from, Instant until) {
		List<ToolCallCounts> slices = List.of();
		Instant start = from;
		Instant end = until;
		for (int zoom = 0; zoom < ZOOMS; zoom++) {
			Duration width = Duration.ofMillis(Math.max(1, Duration.between(start, end).toMillis() / SLICES));
			slices = this.store.stepCalls(steps, start, end, width);
			if (slices.isEmpty()) {
				return Onset.NONE;
			}
			Instant first = slices.get(0).start();
			Instant last = slices.get(slices.size() - 1).start().plus(width);
			boolean narrow = Duration.between(first, last).toMillis() * 10 < Duration.between(start, end).toMillis();
			if (!narrow || width.toMillis() <= 1) {
				break;
			}
			start = first;
			end = last.isAfter(until) ? until : last;
		}
		StepUp step = StepUp.find(slices);
		if (step != null) {
			Instant stepStart = slices.get(step.start()).start();
			Instant recovered = (step.end() < slices.size()) ? slices.get(step.end()).start() : null;
			Instant firstFailure = firstFailure(steps, stepStart, (recovered != null) ? recovered : until);
			return new Onset((firstFailure != null) ? firstFailure : stepStart, ToolSummary.STEP_UP,
					step.healthyRate(), recovered);
		}
		long calls = 0;
		long errors = 0;
		for (ToolCallCounts slice : slices) {
			calls += slice.calls();
			errors += slice.errors();
		}
		if (errors >= StepUp.MIN_ERRORS && errors * 2 >= calls) {
			return new Onset(firstFailure(steps, from, until), ToolSummary.FIRST_FAILURE, null, null);
		}
		return Onset.NONE;
	}

	private @Nullable Instant firstFailure(StepQuery steps, Instant from, Instant until) {
		Instant first = null;
		for (ErrorTypeCount type : this.store.errorTypes(steps, from, until)) {
			if (first == null || type.firstSeen().isBefore(first)) {
				first = type.firstSeen();
			}
		}
		return first;
	}

	/** How far before a failure's onset triage looks for what changed. */
	public static final Duration CHANGES_BEFORE_ONSET = Duration.ofMinutes(15);

	/**
	 * What changed before a failure began: the application versions and instances whose first run in the store came
	 * in the quarter hour before the onset (a deploy, a restart), the latest first. The store's first run is where
	 * its record begins, not a change: the version that served it is not listed.
	 * @param onset when the failure began
	 * @return the versions and instances that started then
	 */
	public List<VersionSeen> changesBefore(Instant onset) {
		this.catchUp.run();
		Instant from = onset.minus(CHANGES_BEFORE_ONSET);
		Instant recordBegins = this.store.firstRunAt().orElse(Instant.MAX);
		List<VersionSeen> started = new ArrayList<>();
		for (VersionSeen seen : this.store.versions(from.minus(Duration.ofDays(1)), onset.plusMillis(1))) {
			if (!seen.firstSeen().isBefore(from) && !seen.firstSeen().isAfter(onset)
					&& seen.firstSeen().isAfter(recordBegins)) {
				started.add(seen);
			}
		}
		started.sort(java.util.Comparator.comparing(VersionSeen::firstSeen).reversed());
		return started;
	}

	/**
	 * A tool's calls and failures per application version over a window back from now.
	 * @param tool the tool
	 * @param window how far back
	 * @return the calls of each version
	 */
	public List<VersionCalls> byVersion(String tool, Duration window) {
		this.catchUp.run();
		Instant now = this.clock.instant();
		return this.store.toolCallsByVersion(tool, now.minus(window), now.plusMillis(1));
	}

	/**
	 * Lists failing calls of a tool, newest first.
	 * @param query which
	 * @return the failures
	 */
	public List<ToolFailure> failures(FailureQuery query) {
		this.catchUp.run();
		return this.store.failures(query);
	}

	/**
	 * Returns one run with its steps in order.
	 * @param runId the run id
	 * @return the run
	 * @throws TriageException when it is not stored
	 */
	public StoredRun run(String runId) {
		this.catchUp.run();
		requireRunId(runId);
		return this.store.run(runId)
			.orElseThrow(() -> new TriageException(Reason.NOT_FOUND, "no stored run with id " + quote(runId)));
	}

	/**
	 * Returns a user's runs, newest first, or the newest runs when no user is given.
	 * @param userId the user, {@code null} for all
	 * @param limit at most this many, from 1 to {@value #MAX_RUNS}
	 * @return the runs, without their steps
	 */
	public List<StoredRun> runs(@Nullable String userId, int limit) {
		this.catchUp.run();
		if (limit < 1 || limit > MAX_RUNS) {
			throw new TriageException(Reason.INVALID, "limit must be between 1 and " + MAX_RUNS + ", was " + limit);
		}
		return (userId != null) ? this.store.runsOfUser(userId, limit) : this.store.recentRuns(limit);
	}

	// ---------------------------------------------------------------- replay

	/**
	 * Sets the application's components behind steps of other kinds, so that those steps replay: a retrieval with its
	 * recorded query against the live retriever.
	 * @param live the components
	 * @return this triage
	 */
	public Triage liveSteps(LiveSteps live) {
		this.liveSteps = java.util.Objects.requireNonNull(live, "live must not be null");
		return this;
	}

	/** A step of another kind (a retrieval), again with its recorded input: reads only, so any is replayable. */
	private StepReplay replayOther(String runId, int stepIndex, StoredStep step) {
		String input = step.arguments();
		if (input == null) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "step " + stepIndex + " of run " + runId + " (a "
					+ step.kind() + ") has no recorded input to replay");
		}
		if (input.endsWith(ContentRedactor.TRUNCATED)) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "the input of step " + stepIndex
					+ " was truncated when stored; store whole content (vigil.store.full-content) to replay it");
		}
		LiveSteps live = this.liveSteps;
		ReplayedOutcome replayed = (live != null) ? live.replay(step.kind(), step.name(), input) : null;
		if (replayed == null) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "no live " + step.kind() + " " + quote(step.name())
					+ " is known to this application");
		}
		ReplayedOutcome recorded = new ReplayedOutcome(step.outcome(), step.errorType(),
				(step.resultExcerpt() != null) ? step.resultExcerpt() : step.errorMessage());
		return new StepReplay(runId, stepIndex, step.name(), input, true, recorded,
				new ReplayedOutcome(replayed.outcome(), replayed.errorType(), this.excerpts.apply(replayed.resultExcerpt())));
	}

	/**
	 * Executes a stored tool call again, with its recorded arguments, against the live tool.
	 * @param runId the run
	 * @param stepIndex the step, a tool call
	 * @return what it returned then and now
	 * @throws TriageException when replay is off, the tool is not replayable, or the step is not a stored tool call
	 */
	public StepReplay replayStep(String runId, int stepIndex) {
		requireReplay();
		StoredRun run = run(runId);
		if (stepIndex < 0 || stepIndex >= run.steps().size()) {
			throw new TriageException(Reason.NOT_FOUND,
					"run " + runId + " has " + run.steps().size() + " steps; there is no step " + stepIndex);
		}
		StoredStep step = run.steps().get(stepIndex);
		if (!step.isTool() && !StoredStep.MODEL.equals(step.kind())) {
			return replayOther(runId, stepIndex, step);
		}
		if (!step.isTool()) {
			throw new TriageException(Reason.NOT_REPLAYABLE,
					"step " + stepIndex + " of run " + runId + " is a model call; only tool calls replay alone");
		}
		if (!this.replay.tools().contains(step.name())) {
			throw new TriageException(Reason.REFUSED, "tool " + quote(step.name())
					+ " is not replayable: add it to vigil.triage.replay.tools if calling it again has no side effects"
					+ " (replayable now: " + this.replay.tools() + ")");
		}
		String arguments = (step.arguments() != null) ? step.arguments() : "{}";
		if (arguments.endsWith(ContentRedactor.TRUNCATED)) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "the arguments of step " + stepIndex
					+ " were truncated when stored; store whole content (vigil.store.full-content) to replay them");
		}
		ToolExecutor executor = (this.tools != null) ? this.tools.executor(step.name()) : null;
		if (executor == null) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "no AI service of this application has offered tool "
					+ quote(step.name()) + " since it started; call the agent once, then replay");
		}
		ToolExecutionRequest request = ToolExecutionRequest.builder()
			.id("vigil-replay-" + UUID.randomUUID())
			.name(step.name())
			.arguments(arguments)
			.build();
		ReplayedOutcome replayed;
		try {
			String text = executor.execute(request, null);
			String errorType = this.tools.classify(step.name(), (text != null) ? text : "");
			replayed = new ReplayedOutcome((errorType != null) ? StoredStep.ERROR : StoredStep.SUCCESS, errorType,
					this.excerpts.apply(text));
		}
		catch (RuntimeException ex) {
			replayed = new ReplayedOutcome(StoredStep.ERROR, ErrorTypes.of(ex), this.excerpts.apply(ex.getMessage()));
		}
		ReplayedOutcome recorded = new ReplayedOutcome(step.outcome(), step.errorType(),
				(step.resultExcerpt() != null) ? step.resultExcerpt() : step.errorMessage());
		return new StepReplay(runId, stepIndex, step.name(), arguments, exact(arguments), recorded, replayed);
	}

	/**
	 * Runs a stored run again: its user message through the same AI-service method, on a fresh chat memory (the
	 * user's conversation is not touched), with tool results served from the store ({@code recordedTools}: no tool
	 * runs) or from the live tools.
	 * @param runId the run
	 * @param recordedTools whether tool results come from the store
	 * @return the comparison, step by step
	 * @throws TriageException when replay is off or the run cannot be called again
	 */
	public RunReplay replayRun(String runId, boolean recordedTools) {
		requireReplay();
		StoredRun run = run(runId);
		if (!recordedTools) {
			for (StoredStep step : run.steps()) {
				if (step.isTool() && !this.replay.tools().contains(step.name())) {
					throw new TriageException(Reason.REFUSED, "run " + runId + " calls tool " + quote(step.name())
							+ ", which is not replayable; replay with recorded tools, or add it to"
							+ " vigil.triage.replay.tools if calling it again has no side effects");
				}
			}
		}
		if (run.input() == null || run.service() == null || run.method() == null || run.method().isEmpty()) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "run " + runId + " has no stored user message or method");
		}
		Class<?> type = serviceType(run.service());
		Object service = this.replayTargets.get(type);
		if (service == null) {
			service = this.services.apply(type);
		}
		if (service == null) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "no AI service of type " + run.service()
					+ " is known for replay: register it with Triage.replayTarget(type, service)");
		}
		Method method = method(type, run.method());
		Object[] arguments = arguments(method, run);
		try {
			method.setAccessible(true);
		}
		catch (RuntimeException ex) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "replay cannot call " + type.getName() + "." + run.method()
					+ ": " + ex.getMessage());
		}
		Object target = service;
		Failure failure = new Failure();
		Answer answer = new Answer();
		ReplayedRuns.Session session = ReplayedRuns.replaying(run, recordedTools, () -> {
			try {
				answer.value = method.invoke(target, arguments);
			}
			catch (InvocationTargetException ex) {
				failure.error = ex.getCause();
			}
			catch (IllegalAccessException ex) {
				failure.error = ex;
			}
		});
		List<RunReplay.Side> replayed = session.steps();
		List<RunReplay.Pair> pairs = new ArrayList<>();
		int size = Math.max(run.steps().size(), replayed.size());
		for (int i = 0; i < size; i++) {
			RunReplay.Side before = (i < run.steps().size()) ? side(run.steps().get(i)) : null;
			RunReplay.Side after = (i < replayed.size()) ? replayed.get(i) : null;
			pairs.add(new RunReplay.Pair(i, before, after, same(before, after)));
		}
		String output = (answer.value instanceof Result<?> result) ? String.valueOf(result.content())
				: (answer.value != null) ? String.valueOf(answer.value) : null;
		String error = (failure.error != null)
				? ErrorTypes.of(failure.error) + ": " + this.excerpts.apply(String.valueOf(failure.error.getMessage()))
				: null;
		RunRecord record = session.record;
		String replayedOutcome = (record != null) ? record.outcome().value() : (error != null) ? "error" : "completed";
		String replayedErrorType = (record != null) ? record.errorType()
				: (failure.error != null) ? ErrorTypes.of(failure.error) : null;
		return new RunReplay(runId, session.runId, recordedTools ? "recorded" : "live", exact(run.input()),
				run.output(), (error == null) ? this.excerpts.apply(output) : null, error, pairs, run.outcome(),
				run.errorType(), replayedOutcome, replayedErrorType);
	}

	private static RunReplay.Side side(StoredStep step) {
		return new RunReplay.Side(step.kind(), step.name(), step.arguments(), step.outcome(), step.errorType(),
				step.isTool() ? step.resultExcerpt() : step.finishReason());
	}

	private static boolean same(RunReplay.@Nullable Side a, RunReplay.@Nullable Side b) {
		return a != null && b != null && a.kind().equals(b.kind()) && a.name().equals(b.name())
				&& a.outcome().equals(b.outcome()) && java.util.Objects.equals(a.errorType(), b.errorType());
	}

	private Class<?> serviceType(String name) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		try {
			return Class.forName(name, false, (loader != null) ? loader : Triage.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new TriageException(Reason.NOT_REPLAYABLE, "AI service " + name + " is not on this application's"
					+ " class path");
		}
	}

	private static Method method(Class<?> type, String name) {
		Method found = null;
		for (Method method : type.getMethods()) {
			// of overloads, the one with the fewest parameters: replay fills only the message, memory id and
			// invocation parameters, so the others add nothing it can fill
			if (method.getName().equals(name) && !method.isDefault() && buildable(method)
					&& (found == null || method.getParameterCount() < found.getParameterCount())) {
				found = method;
			}
		}
		if (found == null) {
			throw new TriageException(Reason.NOT_REPLAYABLE, type.getSimpleName() + "." + name + " cannot be called"
					+ " again from a stored run: replay fills the user message, the memory id and invocation"
					+ " parameters, and nothing else");
		}
		return found;
	}

	private static boolean buildable(Method method) {
		int messages = 0;
		for (Parameter parameter : method.getParameters()) {
			Kind kind = kind(parameter, method.getParameterCount());
			if (kind == null) {
				return false;
			}
			if (kind == Kind.MESSAGE) {
				messages++;
			}
		}
		return messages == 1;
	}

	private static Object[] arguments(Method method, StoredRun run) {
		Parameter[] parameters = method.getParameters();
		Object[] arguments = new Object[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			arguments[i] = switch (kind(parameters[i], parameters.length)) {
				case MESSAGE -> run.input();
				case MEMORY -> "vigil-replay-" + UUID.randomUUID();
				case PARAMETERS -> new InvocationParameters();
			};
		}
		return arguments;
	}

	private static @Nullable Kind kind(Parameter parameter, int count) {
		if (parameter.isAnnotationPresent(MemoryId.class)) {
			return (parameter.getType() == String.class || parameter.getType() == Object.class) ? Kind.MEMORY : null;
		}
		if (parameter.getType() == InvocationParameters.class) {
			return Kind.PARAMETERS;
		}
		if (parameter.getType() == String.class
				&& (parameter.isAnnotationPresent(UserMessage.class) || parameter.getAnnotations().length == 0)) {
			return Kind.MESSAGE;
		}
		return null;
	}

	private void requireReplay() {
		if (!this.replay.enabled()) {
			throw new TriageException(Reason.REFUSED,
					"replay is off; it calls the application's tools again, so it runs only with"
							+ " vigil.triage.replay.enabled=true");
		}
	}

	private static boolean exact(@Nullable String content) {
		return content != null && !content.endsWith(ContentRedactor.TRUNCATED) && !content.contains("[email]")
				&& !content.contains("[phone]") && !content.contains("[card]");
	}

	private static void requireTool(String tool) {
		if (tool == null || tool.isBlank() || tool.length() > 200) {
			throw new TriageException(Reason.INVALID, "tool must be a tool name of at most 200 characters");
		}
	}

	private static void requireRunId(String runId) {
		if (runId == null || runId.isBlank() || runId.length() > 200) {
			throw new TriageException(Reason.INVALID, "run id must be at most 200 characters");
		}
	}

	private static String quote(String text) {
		String cut = (text.length() > 80) ? text.substring(0, 80) + "…" : text;
		return "'" + cut + "'";
	}

	private enum Kind {

		MESSAGE, MEMORY, PARAMETERS

	}

	private static final class Failure {

		@Nullable Throwable error;

	}

	private static final class Answer {

		@Nullable Object value;

	}

	private record Onset(@Nullable Instant at, String basis, @Nullable Double healthyRate,
			@Nullable Instant recoveredAt) {

		static final Onset NONE = new Onset(null, ToolSummary.STEADY, null, null);

	}

}
