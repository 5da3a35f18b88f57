package io.github.vigil.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.github.vigil.run.Facts;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.github.vigil.run.StepRecord;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;

/**
 * What a run has gathered: its model and tool calls and tokens counted, the calls, steps and guard trips listed, and
 * the facts the capabilities published and the state they keep. A sub-agent's run adds what it counts and lists to its workflow's run as
 * well. Counters are atomics and lists lock-free queues, so steps finishing on several threads never wait for one
 * another.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
abstract class RunTally implements Run {

	/** Tool calls, steps and guard trips kept for the run log; later ones are counted but not listed. */
	static final int MAX_LISTED = 50;

	/** The workflow's run this one adds to as well, {@code null} for a run of its own. */
	private final @Nullable RunTally parentTally;

	private final AtomicInteger modelCalls = new AtomicInteger();

	private final AtomicInteger toolCalls = new AtomicInteger();

	private final AtomicLong inputTokens = new AtomicLong();

	private final AtomicLong outputTokens = new AtomicLong();

	private final AtomicLong cacheReadTokens = new AtomicLong();

	private final AtomicLong reasoningTokens = new AtomicLong();

	private final ConcurrentLinkedQueue<ToolCallRecord> toolCallRecords = new ConcurrentLinkedQueue<>();

	private final AtomicReference<Facts> facts = new AtomicReference<>(Facts.NONE);

	private final ConcurrentLinkedQueue<StepRecord> steps = new ConcurrentLinkedQueue<>();

	private final AtomicInteger stepCount = new AtomicInteger();

	private @Nullable List<GuardTrip> trips;

	private final States states = new States();

	RunTally(@Nullable RunTally parentTally) {
		this.parentTally = parentTally;
	}

	@Override
	public int modelCalls() {
		return this.modelCalls.get();
	}

	@Override
	public int toolCalls() {
		return this.toolCalls.get();
	}

	@Override
	public long inputTokens() {
		return this.inputTokens.get();
	}

	@Override
	public long outputTokens() {
		return this.outputTokens.get();
	}

	@Override
	public long totalTokens() {
		return this.inputTokens.get() + this.outputTokens.get();
	}

	@Override
	public List<ToolCallRecord> toolCallRecords() {
		return List.copyOf(this.toolCallRecords);
	}

	@Override
	public <T> @Nullable T fact(Class<T> type) {
		return this.facts.get().get(type);
	}

	@Override
	public void fact(Object fact) {
		Objects.requireNonNull(fact, "fact must not be null");
		this.facts.updateAndGet((current) -> current.with(fact));
	}

	@Override
	public <T> T fact(Class<T> type, Supplier<? extends T> initial) {
		T current = fact(type);
		if (current != null) {
			return current;
		}
		synchronized (this.facts) {
			current = fact(type);
			if (current == null) {
				current = initial.get();
				fact(current);
			}
			return current;
		}
	}

	Facts facts() {
		return this.facts.get();
	}

	void addStep(StepRecord step) {
		if (this.parentTally != null) {
			this.parentTally.addStep(step);
		}
		if (this.stepCount.incrementAndGet() <= MAX_LISTED) {
			this.steps.add(step);
		}
	}

	List<StepRecord> stepRecords() {
		return List.copyOf(this.steps);
	}

	void addModelCall(long input, long output, long cacheRead, long reasoning) {
		if (this.parentTally != null) {
			this.parentTally.addModelCall(input, output, cacheRead, reasoning);
		}
		this.modelCalls.incrementAndGet();
		if (input > 0) {
			this.inputTokens.addAndGet(input);
		}
		if (output > 0) {
			this.outputTokens.addAndGet(output);
		}
		if (cacheRead > 0) {
			this.cacheReadTokens.addAndGet(cacheRead);
		}
		if (reasoning > 0) {
			this.reasoningTokens.addAndGet(reasoning);
		}
	}

	@Override
	public long cacheReadTokens() {
		return this.cacheReadTokens.get();
	}

	@Override
	public long reasoningTokens() {
		return this.reasoningTokens.get();
	}

	void addToolCall(ToolCallRecord call) {
		if (this.parentTally != null) {
			this.parentTally.addToolCall(call);
		}
		if (this.toolCalls.incrementAndGet() <= MAX_LISTED) {
			this.toolCallRecords.add(call);
		}
	}

	synchronized void addTrip(GuardTrip trip) {
		if (this.trips == null) {
			this.trips = new ArrayList<>(2);
		}
		if (this.trips.size() < MAX_LISTED) {
			this.trips.add(trip);
		}
	}

	synchronized List<GuardTrip> trips() {
		if (this.parentTally != null) {
			return this.parentTally.trips();
		}
		return (this.trips != null) ? List.copyOf(this.trips) : List.of();
	}

	@Override
	public <T> T state(Class<T> type, Supplier<? extends T> initial) {
		return (this.parentTally != null) ? this.parentTally.state(type, initial) : this.states.get(type, initial);
	}

	@Override
	public <T> @Nullable T state(Class<T> type) {
		return (this.parentTally != null) ? this.parentTally.state(type) : this.states.get(type);
	}

	@Override
	public <T> T ownState(Class<T> type, Supplier<? extends T> initial) {
		return this.states.get(type, initial);
	}

	@Override
	public <T> @Nullable T ownState(Class<T> type) {
		return this.states.get(type);
	}

}
