package io.github.vigil.test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.run.Facts;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.github.vigil.run.ToolCallRecord;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A run as the kernel keeps it, without an AI service: its identity, its counters (which the
 * {@link MiddlewareTester} advances as steps end), its state and facts, and the guard decisions taken on it. A guard
 * ending it is recorded, with the action the kernel would take: {@link GuardAction#ERROR} stays an error, and so does
 * any end of a run whose method cannot answer with text.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class FakeRun implements Run {

	private final String runId;

	private final String agent;

	private final String userId;

	private final @Nullable String memoryId;

	private final @Nullable String input;

	private final boolean gracefulEnd;

	private final @Nullable ChatMemory memory;

	private final @Nullable FakeRun parent;

	private final boolean planning;

	private final Instant startedAt = Instant.now();

	private int modelCalls;

	private long inputTokens;

	private long outputTokens;

	private long cacheReadTokens;

	private long reasoningTokens;

	private final List<ToolCallRecord> toolCalls = new ArrayList<>();

	private final List<GuardTrip> trips = new ArrayList<>();

	private final Map<Class<?>, Object> states = Collections.synchronizedMap(new IdentityHashMap<>());

	private Facts facts = Facts.NONE;

	private @Nullable GuardTrip endedBy;

	private @Nullable String endMessage;

	private Observation observation = Observation.NOOP;

	private final List<ChatRequest> modelCallsMade = new ArrayList<>();

	private FakeRun(Builder builder) {
		this.runId = builder.runId;
		this.agent = builder.agent;
		this.userId = builder.userId;
		this.memoryId = builder.memoryId;
		this.input = builder.input;
		this.gracefulEnd = builder.gracefulEnd;
		this.memory = builder.memory;
		this.parent = builder.parent;
		this.planning = builder.planning;
	}

	/**
	 * Starts describing a run.
	 * @return a builder with an agent {@code SupportAgent} and an anonymous user
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A run of {@code SupportAgent} for an anonymous user that may end gracefully.
	 * @return the run
	 */
	public static FakeRun of() {
		return builder().build();
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
		return this.agent;
	}

	@Override
	public String method() {
		return "chat";
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
	public synchronized int modelCalls() {
		return this.modelCalls;
	}

	@Override
	public synchronized int toolCalls() {
		return this.toolCalls.size();
	}

	@Override
	public synchronized long inputTokens() {
		return this.inputTokens;
	}

	@Override
	public synchronized long outputTokens() {
		return this.outputTokens;
	}

	@Override
	public synchronized long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

	@Override
	public synchronized long cacheReadTokens() {
		return this.cacheReadTokens;
	}

	@Override
	public synchronized long reasoningTokens() {
		return this.reasoningTokens;
	}

	@Override
	public synchronized List<ToolCallRecord> toolCallRecords() {
		return List.copyOf(this.toolCalls);
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T state(Class<T> type, Supplier<? extends T> initial) {
		if (this.parent != null) {
			return this.parent.state(type, initial);
		}
		return (T) this.states.computeIfAbsent(type, (key) -> initial.get());
	}

	@Override
	public <T> @Nullable T state(Class<T> type) {
		if (this.parent != null) {
			return this.parent.state(type);
		}
		return type.cast(this.states.get(type));
	}

	@Override
	public synchronized void trip(GuardTrip trip) {
		this.trips.add(trip);
	}

	@Override
	public synchronized boolean end(GuardTrip trip, GuardAction action, String message) {
		if (this.parent != null) {
			return this.parent.end(trip, action, message);
		}
		if (this.endedBy != null) {
			return false;
		}
		GuardAction effective = (action == GuardAction.ERROR || !this.gracefulEnd) ? GuardAction.ERROR
				: GuardAction.END;
		this.endedBy = trip.withAction(effective.tripValue());
		this.endMessage = message;
		this.trips.add(this.endedBy);
		return true;
	}

	@Override
	public synchronized @Nullable GuardTrip endedBy() {
		return (this.parent != null) ? this.parent.endedBy() : this.endedBy;
	}

	@Override
	public synchronized @Nullable String endMessage() {
		return (this.parent != null) ? this.parent.endMessage() : this.endMessage;
	}

	/**
	 * Returns whether a guard ended the run.
	 * @return whether it ended
	 */
	public boolean ended() {
		return endedBy() != null;
	}

	/**
	 * Returns every guard decision taken on the run, in order, the one that ended it included.
	 * @return the decisions
	 */
	public synchronized List<GuardTrip> trips() {
		return List.copyOf(this.trips);
	}

	@Override
	public @Nullable Throwable failure() {
		return null;
	}

	@Override
	public synchronized <T> @Nullable T fact(Class<T> type) {
		return this.facts.get(type);
	}

	@Override
	public synchronized void fact(Object fact) {
		this.facts = this.facts.with(Objects.requireNonNull(fact, "fact must not be null"));
	}

	@Override
	public synchronized <T> T fact(Class<T> type, Supplier<? extends T> initial) {
		T current = fact(type);
		if (current == null) {
			current = initial.get();
			fact(current);
		}
		return current;
	}

	/**
	 * Returns every fact published about the run.
	 * @return the facts
	 */
	public synchronized Facts facts() {
		return this.facts;
	}

	@Override
	public Observation observation() {
		return this.observation;
	}

	@Override
	public void observation(Observation observation) {
		this.observation = observation;
	}

	/** Calls the model directly, as a nested call would reach it, and remembers the request. */
	@Override
	public ChatResponse callModel(ChatModel model, ChatRequest request, String operation) {
		synchronized (this) {
			this.modelCallsMade.add(request);
		}
		return model.chat(request);
	}

	/**
	 * Returns the requests middleware sent through {@link #callModel}.
	 * @return the requests
	 */
	public synchronized List<ChatRequest> nestedModelCalls() {
		return List.copyOf(this.modelCallsMade);
	}

	@Override
	public @Nullable Run parent() {
		return this.parent;
	}

	@Override
	public boolean planning() {
		return this.planning;
	}

	synchronized void addModelCall(long input, long output, long cacheRead, long reasoning) {
		if (this.parent != null) {
			this.parent.addModelCall(input, output, cacheRead, reasoning);
		}
		this.modelCalls++;
		this.inputTokens += Math.max(0, input);
		this.outputTokens += Math.max(0, output);
		this.cacheReadTokens += Math.max(0, cacheRead);
		this.reasoningTokens += Math.max(0, reasoning);
	}

	synchronized void addToolCall(ToolCallRecord call) {
		if (this.parent != null) {
			this.parent.addToolCall(call);
		}
		this.toolCalls.add(call);
	}

	/** Describes a {@link FakeRun}. */
	public static final class Builder {

		private String runId = "run-1";

		private String agent = "SupportAgent";

		private String userId = Run.ANONYMOUS;

		private @Nullable String memoryId;

		private @Nullable String input;

		private boolean gracefulEnd = true;

		private @Nullable ChatMemory memory;

		private @Nullable FakeRun parent;

		private boolean planning;

		private Builder() {
		}

		public Builder runId(String runId) {
			this.runId = Objects.requireNonNull(runId);
			return this;
		}

		public Builder agent(String agent) {
			this.agent = Objects.requireNonNull(agent);
			return this;
		}

		public Builder user(String userId) {
			this.userId = Objects.requireNonNull(userId);
			return this;
		}

		public Builder memory(String memoryId, @Nullable ChatMemory memory) {
			this.memoryId = memoryId;
			this.memory = memory;
			return this;
		}

		public Builder input(String input) {
			this.input = input;
			return this;
		}

		/**
		 * Says the AI-service method cannot answer with text: a guard's end is then an error.
		 * @return this builder
		 */
		public Builder notGraceful() {
			this.gracefulEnd = false;
			return this;
		}

		/**
		 * Makes the run a sub-agent's, nested in a workflow's: it shares the workflow's state and ending.
		 * @param workflow the workflow's run
		 * @return this builder
		 */
		public Builder nestedIn(FakeRun workflow) {
			this.parent = workflow;
			this.runId = workflow.runId();
			this.userId = workflow.userId();
			return this;
		}

		/**
		 * Makes the run a workflow's planning step (nested in it).
		 * @param workflow the workflow's run
		 * @return this builder
		 */
		public Builder planningIn(FakeRun workflow) {
			nestedIn(workflow);
			this.planning = true;
			return this;
		}

		public FakeRun build() {
			return new FakeRun(this);
		}

	}

}
