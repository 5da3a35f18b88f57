package io.github.vigil.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

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

	private int modelCalls;

	private int toolCalls;

	private long inputTokens;

	private long outputTokens;

	Run(UUID id, String agent, String userId, @Nullable String memoryId, @Nullable String input, Instant startedAt,
			long startNanos, Observation observation, @Nullable RunObservationContext observationContext) {
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

	boolean markFinished() {
		return this.finished.compareAndSet(false, true);
	}

	public boolean isFinished() {
		return this.finished.get();
	}

}
