package io.github.vigil.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.langchain4j.memory.ChatMemory;
import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.guard.ConversationSize;
import io.github.vigil.guard.GuardAction;
import io.github.vigil.guard.GuardTrip;
import io.github.vigil.observation.RunObservationContext;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A run in flight: one call of an AI-service method. Steps may finish on other threads (streaming, concurrent
 * tools), so the counters are updated under the run's lock.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Run {

	/** Tool calls kept for the run log; later ones are counted but not listed. */
	static final int MAX_LOGGED_TOOL_CALLS = 50;

	private final UUID id;

	private final String runId;

	private final String agent;

	private final String userId;

	private final @Nullable String memoryId;

	private final @Nullable String input;

	private final Instant startedAt;

	private final long startNanos;

	private final Observation observation;

	private final @Nullable RunObservationContext observationContext;

	private final AtomicBoolean finished = new AtomicBoolean();

	private final List<ToolCallRecord> toolCallRecords = new ArrayList<>(4);

	private final boolean gracefulEnd;

	private int modelCalls;

	private @Nullable ToolRequestTally toolRequests;

	private @Nullable Set<String> offeredTools;

	private @Nullable List<GuardTrip> trips;

	private @Nullable Kill kill;

	private boolean baselineTripped;

	private volatile @Nullable ChatMemory memory;

	private volatile @Nullable ConversationSize reportedSize;

	private volatile @Nullable GroundingOutcome grounding;

	private int toolCalls;

	private long inputTokens;

	private long outputTokens;

	Run(UUID id, String runId, String agent, String userId, @Nullable String memoryId, @Nullable String input,
			boolean gracefulEnd, Instant startedAt, long startNanos, Observation observation,
			@Nullable RunObservationContext observationContext) {
		this.gracefulEnd = gracefulEnd;
		this.runId = runId;
		this.id = id;
		this.agent = agent;
		this.userId = userId;
		this.memoryId = memoryId;
		this.input = input;
		this.startedAt = startedAt;
		this.startNanos = startNanos;
		this.observation = observation;
		this.observationContext = observationContext;
	}

	public UUID id() {
		return this.id;
	}

	/**
	 * Returns the run id the run log shows: the caller's, given as an invocation parameter, else LangChain4j's
	 * invocation id.
	 * @return the run id
	 */
	public String runId() {
		return this.runId;
	}

	public String agent() {
		return this.agent;
	}

	public String userId() {
		return this.userId;
	}

	public @Nullable String memoryId() {
		return this.memoryId;
	}

	public @Nullable String input() {
		return this.input;
	}

	public Instant startedAt() {
		return this.startedAt;
	}

	public long startNanos() {
		return this.startNanos;
	}

	/**
	 * Returns the run's observation, the parent of its steps' observations; {@link Observation#NOOP} without
	 * tracing.
	 * @return the observation
	 */
	public Observation observation() {
		return this.observation;
	}

	@Nullable RunObservationContext observationContext() {
		return this.observationContext;
	}

	/**
	 * Adds a finished model call.
	 * @param input input tokens, negative when not reported
	 * @param output output tokens, negative when not reported
	 */
	public synchronized void addModelCall(long input, long output) {
		this.modelCalls++;
		this.inputTokens += Math.max(0, input);
		this.outputTokens += Math.max(0, output);
	}

	/**
	 * Adds a finished tool call.
	 * @param call the tool call
	 */
	public synchronized void addToolCall(ToolCallRecord call) {
		this.toolCalls++;
		if (this.toolCallRecords.size() < MAX_LOGGED_TOOL_CALLS) {
			this.toolCallRecords.add(call);
		}
	}

	public synchronized int modelCalls() {
		return this.modelCalls;
	}

	public synchronized int toolCalls() {
		return this.toolCalls;
	}

	public synchronized long inputTokens() {
		return this.inputTokens;
	}

	public synchronized long outputTokens() {
		return this.outputTokens;
	}

	public synchronized long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

	synchronized List<ToolCallRecord> toolCallRecords() {
		return List.copyOf(this.toolCallRecords);
	}

	/**
	 * Returns whether the AI-service method can return a graceful answer ({@code String}, {@code Result<String>}
	 * or {@code TokenStream}) when a guard ends the run.
	 * @return whether a graceful end is possible
	 */
	public boolean gracefulEnd() {
		return this.gracefulEnd;
	}

	/**
	 * Remembers the tools the AI service offered when the run began, each behind an observed executor.
	 * @param tools their names
	 */
	public synchronized void offeredTools(Set<String> tools) {
		this.offeredTools = tools;
	}

	/**
	 * Tells whether a tool was offered when the run began; a tool a dynamic provider or a tool search added during
	 * the run was not.
	 * @param tool the tool's name
	 * @return {@code true} when it was offered, or when what was offered is not known
	 */
	public synchronized boolean offered(String tool) {
		return this.offeredTools == null || this.offeredTools.contains(tool);
	}

	/**
	 * Counts a tool request the model made.
	 * @param tool the tool
	 * @param fingerprint the tool and its normalized arguments
	 * @return the counts including this request
	 */
	public synchronized ToolRequestCount countToolRequest(String tool, String fingerprint) {
		if (this.toolRequests == null) {
			this.toolRequests = new ToolRequestTally();
		}
		return this.toolRequests.count(tool, fingerprint);
	}

	/**
	 * Records a guard decision.
	 * @param trip the decision
	 */
	public synchronized void addTrip(GuardTrip trip) {
		if (this.trips == null) {
			this.trips = new ArrayList<>(2);
		}
		if (this.trips.size() < MAX_LOGGED_TOOL_CALLS) {
			this.trips.add(trip);
		}
	}

	/**
	 * Ends the run by a guard; the first kill wins.
	 * @param trip the decision
	 * @param endAction the action that ends it
	 * @param message the graceful answer
	 * @return whether this call killed the run
	 */
	public synchronized boolean kill(GuardTrip trip, GuardAction endAction, String message) {
		if (this.kill != null) {
			return false;
		}
		this.kill = new Kill(trip, endAction, message);
		return true;
	}

	/**
	 * Returns how a guard ended the run.
	 * @return the kill, or {@code null} while no guard ended it
	 */
	public synchronized @Nullable Kill kill() {
		return this.kill;
	}

	/**
	 * Marks that the run passed its token baseline.
	 * @return whether this is the first time
	 */
	public synchronized boolean markBaselineTripped() {
		boolean first = !this.baselineTripped;
		this.baselineTripped = true;
		return first;
	}

	/**
	 * Attaches the chat memory of the run's conversation, for the context-window guard.
	 * @param memory the memory
	 */
	public void attachMemory(@Nullable ChatMemory memory) {
		this.memory = memory;
	}

	/**
	 * Returns the chat memory of the run's conversation.
	 * @return the memory, or {@code null} when the AI service has none
	 */
	public @Nullable ChatMemory memory() {
		return this.memory;
	}

	/**
	 * Keeps what the provider last reported about the size of this run's conversation, for the context-window
	 * guard.
	 * @param size the reported size, or {@code null} to forget it
	 */
	public void reportSize(@Nullable ConversationSize size) {
		this.reportedSize = size;
	}

	/**
	 * Returns what {@link #reportSize} kept.
	 * @return the size, or {@code null}
	 */
	public @Nullable ConversationSize reportedSize() {
		return this.reportedSize;
	}

	/**
	 * Records what the hallucination proxy found in the run's answer; the first record wins.
	 * @param outcome the outcome
	 */
	public synchronized void grounding(GroundingOutcome outcome) {
		if (this.grounding == null) {
			this.grounding = outcome;
		}
	}

	/**
	 * Returns what the hallucination proxy found in the run's answer.
	 * @return the outcome, or {@code null} before the answer was checked
	 */
	public @Nullable GroundingOutcome grounding() {
		return this.grounding;
	}

	synchronized List<GuardTrip> trips() {
		return (this.trips != null) ? List.copyOf(this.trips) : List.of();
	}

	/**
	 * Request counts of a tool in a run.
	 *
	 * @param sameTool requests of this tool
	 * @param identical requests of this tool with these arguments
	 * @param total tool requests in the run
	 */
	public record ToolRequestCount(int sameTool, int identical, int total) {
	}

	/**
	 * How a guard ended a run.
	 *
	 * @param trip the decision
	 * @param action {@link GuardAction#END} or {@link GuardAction#ERROR}
	 * @param message the graceful answer
	 */
	public record Kill(GuardTrip trip, GuardAction action, String message) {
	}

	boolean markFinished() {
		return this.finished.compareAndSet(false, true);
	}

}
