package io.github.vigil.run;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A finished run, handed to every {@link RunSink}: its identity, counters and ending, its steps, and the
 * {@linkplain #facts() facts} capabilities published about it (cost, grounding, ...), read by type. Content fields
 * ({@code input}, {@code output}, tool arguments and error messages) are raw here; the JSON run log truncates and
 * redacts them, and custom sinks should do the same before they send them anywhere.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RunRecord {

	private final String runId;

	private final Instant timestamp;

	private final String agent;

	private final String userId;

	private final @Nullable String memoryId;

	private final @Nullable String input;

	private final @Nullable String output;

	private final List<ToolCallRecord> toolCalls;

	private final List<StepRecord> steps;

	private final long inputTokens;

	private final long outputTokens;

	private final long cacheReadTokens;

	private final long reasoningTokens;

	private final int modelCalls;

	private final long durationNanos;

	private final RunOutcome outcome;

	private final @Nullable String errorType;

	private final @Nullable String errorMessage;

	private final List<GuardTrip> guardTrips;

	private final List<AgentRecord> agents;

	private final Facts facts;

	private final @Nullable String version;

	private RunRecord(Builder builder) {
		this.runId = builder.runId;
		this.timestamp = builder.timestamp;
		this.agent = builder.agent;
		this.userId = builder.userId;
		this.memoryId = builder.memoryId;
		this.input = builder.input;
		this.output = builder.output;
		this.toolCalls = List.copyOf(builder.toolCalls);
		this.steps = List.copyOf(builder.steps);
		this.inputTokens = builder.inputTokens;
		this.outputTokens = builder.outputTokens;
		this.cacheReadTokens = builder.cacheReadTokens;
		this.reasoningTokens = builder.reasoningTokens;
		this.modelCalls = builder.modelCalls;
		this.durationNanos = builder.durationNanos;
		this.outcome = builder.outcome;
		this.errorType = builder.errorType;
		this.errorMessage = builder.errorMessage;
		this.guardTrips = List.copyOf(builder.guardTrips);
		this.agents = List.copyOf(builder.agents);
		this.facts = builder.facts;
		this.version = builder.version;
	}

	/**
	 * Starts a record.
	 * @param runId the run id
	 * @param agent the agent
	 * @return a builder
	 */
	public static Builder builder(String runId, String agent) {
		return new Builder(runId, agent);
	}

	/**
	 * Returns a builder with this record's values.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/** @return the run id: the caller's, else LangChain4j's invocation id */
	public String runId() {
		return this.runId;
	}

	/** @return when the run started */
	public Instant timestamp() {
		return this.timestamp;
	}

	/** @return the AI-service interface's simple name, or the workflow's name */
	public String agent() {
		return this.agent;
	}

	/** @return the user the run served, {@code anonymous} when not known */
	public String userId() {
		return this.userId;
	}

	/** @return the chat memory id, {@code null} when the service has none */
	public @Nullable String memoryId() {
		return this.memoryId;
	}

	/** @return the user's message */
	public @Nullable String input() {
		return this.input;
	}

	/** @return the answer */
	public @Nullable String output() {
		return this.output;
	}

	/** @return the tool calls, in the order they finished */
	public List<ToolCallRecord> toolCalls() {
		return this.toolCalls;
	}

	/** @return the steps of other kinds than model and tool calls (retrievals, ...), in the order they finished */
	public List<StepRecord> steps() {
		return this.steps;
	}

	/** @return input tokens summed over the run's model calls */
	public long inputTokens() {
		return this.inputTokens;
	}

	/** @return output tokens summed over the run's model calls */
	public long outputTokens() {
		return this.outputTokens;
	}

	/** @return input plus output tokens */
	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

	/** @return input tokens read from a provider's prompt cache, summed over the run */
	public long cacheReadTokens() {
		return this.cacheReadTokens;
	}

	/** @return output tokens spent on reasoning, summed over the run */
	public long reasoningTokens() {
		return this.reasoningTokens;
	}

	/** @return the number of model calls */
	public int modelCalls() {
		return this.modelCalls;
	}

	/** @return how long the run took */
	public long durationNanos() {
		return this.durationNanos;
	}

	/** @return how it ended */
	public RunOutcome outcome() {
		return this.outcome;
	}

	/** @return bounded error type, {@code null} when it completed */
	public @Nullable String errorType() {
		return this.errorType;
	}

	/** @return the failure's message, {@code null} when it completed */
	public @Nullable String errorMessage() {
		return this.errorMessage;
	}

	/** @return the guard decisions made in the run */
	public List<GuardTrip> guardTrips() {
		return this.guardTrips;
	}

	/** @return the sub-agents of a multi-agent workflow run, in invocation order; empty for a plain AI service */
	public List<AgentRecord> agents() {
		return this.agents;
	}

	/** @return the application's version that served the run, {@code null} when not known */
	public @Nullable String version() {
		return this.version;
	}

	/** @return what capabilities published about the run */
	public Facts facts() {
		return this.facts;
	}

	/**
	 * Returns a fact about the run.
	 * @param type the fact's type
	 * @param <T> the type
	 * @return the fact, {@code null} when no capability published one
	 */
	public <T> @Nullable T fact(Class<T> type) {
		return this.facts.get(type);
	}

	@Override
	public String toString() {
		return "RunRecord[runId=" + this.runId + ", agent=" + this.agent + ", outcome=" + this.outcome + ", errorType="
				+ this.errorType + ", modelCalls=" + this.modelCalls + ", toolCalls=" + this.toolCalls.size() + "]";
	}

	/** Builds a {@link RunRecord}. */
	public static final class Builder {

		private String runId;

		private Instant timestamp = Instant.EPOCH;

		private String agent;

		private String userId = Run.ANONYMOUS;

		private @Nullable String memoryId;

		private @Nullable String input;

		private @Nullable String output;

		private List<ToolCallRecord> toolCalls = List.of();

		private List<StepRecord> steps = List.of();

		private long inputTokens;

		private long outputTokens;

		private long cacheReadTokens;

		private long reasoningTokens;

		private int modelCalls;

		private long durationNanos;

		private RunOutcome outcome = RunOutcome.COMPLETED;

		private @Nullable String errorType;

		private @Nullable String errorMessage;

		private List<GuardTrip> guardTrips = List.of();

		private List<AgentRecord> agents = List.of();

		private Facts facts = Facts.NONE;

		private @Nullable String version;

		private Builder(String runId, String agent) {
			this.runId = Objects.requireNonNull(runId, "runId must not be null");
			this.agent = Objects.requireNonNull(agent, "agent must not be null");
		}

		private Builder(RunRecord record) {
			this(record.runId, record.agent);
			this.timestamp = record.timestamp;
			this.userId = record.userId;
			this.memoryId = record.memoryId;
			this.input = record.input;
			this.output = record.output;
			this.toolCalls = record.toolCalls;
			this.steps = record.steps;
			this.inputTokens = record.inputTokens;
			this.outputTokens = record.outputTokens;
			this.cacheReadTokens = record.cacheReadTokens;
			this.reasoningTokens = record.reasoningTokens;
			this.modelCalls = record.modelCalls;
			this.durationNanos = record.durationNanos;
			this.outcome = record.outcome;
			this.errorType = record.errorType;
			this.errorMessage = record.errorMessage;
			this.guardTrips = record.guardTrips;
			this.agents = record.agents;
			this.facts = record.facts;
			this.version = record.version;
		}

		public Builder timestamp(Instant timestamp) {
			this.timestamp = Objects.requireNonNull(timestamp);
			return this;
		}

		public Builder user(String userId, @Nullable String memoryId) {
			this.userId = Objects.requireNonNull(userId);
			this.memoryId = memoryId;
			return this;
		}

		public Builder content(@Nullable String input, @Nullable String output) {
			this.input = input;
			this.output = output;
			return this;
		}

		public Builder toolCalls(List<ToolCallRecord> toolCalls) {
			this.toolCalls = toolCalls;
			return this;
		}

		public Builder steps(List<StepRecord> steps) {
			this.steps = steps;
			return this;
		}

		public Builder tokens(long input, long output, long cacheRead, long reasoning) {
			this.inputTokens = input;
			this.outputTokens = output;
			this.cacheReadTokens = cacheRead;
			this.reasoningTokens = reasoning;
			return this;
		}

		public Builder modelCalls(int modelCalls) {
			this.modelCalls = modelCalls;
			return this;
		}

		public Builder durationNanos(long durationNanos) {
			this.durationNanos = durationNanos;
			return this;
		}

		public Builder ending(RunOutcome outcome, @Nullable String errorType, @Nullable String errorMessage) {
			this.outcome = Objects.requireNonNull(outcome);
			this.errorType = errorType;
			this.errorMessage = errorMessage;
			return this;
		}

		public Builder guardTrips(List<GuardTrip> guardTrips) {
			this.guardTrips = guardTrips;
			return this;
		}

		public Builder agents(List<AgentRecord> agents) {
			this.agents = agents;
			return this;
		}

		public Builder facts(Facts facts) {
			this.facts = Objects.requireNonNull(facts);
			return this;
		}

		public Builder version(@Nullable String version) {
			this.version = version;
			return this;
		}

		public Builder fact(Object fact) {
			this.facts = this.facts.with(fact);
			return this;
		}

		public RunRecord build() {
			return new RunRecord(this);
		}

	}

}
