package io.github.vigil.run;

import java.math.BigDecimal;

import java.time.Instant;
import java.util.List;

import io.github.vigil.run.GroundingOutcome;
import io.github.vigil.run.GuardTrip;
import org.jspecify.annotations.Nullable;

/**
 * A finished run, handed to every {@link RunSink}. Content fields ({@code input}, {@code output}, tool arguments and
 * error messages) are raw here; the JSON run log truncates and redacts them, and custom sinks should do the same
 * before they send them anywhere.
 *
 * @param runId the LangChain4j invocation id
 * @param timestamp when the run started
 * @param agent the AI-service interface's simple name
 * @param userId the user the run served, {@code anonymous} when not known
 * @param memoryId the chat memory id, {@code null} when the service has none
 * @param input the user message
 * @param output the answer
 * @param toolCalls the tool calls, in the order they finished
 * @param inputTokens input tokens summed over the run's model calls
 * @param outputTokens output tokens summed over the run's model calls
 * @param modelCalls number of model calls
 * @param durationNanos how long the run took
 * @param outcome how it ended
 * @param errorType bounded error type, {@code null} when it completed
 * @param errorMessage the failure's message, {@code null} when it completed
 * @param guardTrips the guard decisions made in the run
 * @param grounding what the hallucination proxy found in the answer, {@code null} when it was not checked
 * @param cacheReadTokens input tokens read from a provider's prompt cache, summed over the run
 * @param reasoningTokens output tokens spent on reasoning, summed over the run
 * @param cost what the run's priced model calls cost, {@code null} when none was priced
 * @param currency the ISO 4217 code of {@code cost}, {@code null} when none was priced
 * @param agents the sub-agents of a multi-agent workflow run, in invocation order; empty for a plain AI service
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RunRecord(String runId, Instant timestamp, String agent, String userId, @Nullable String memoryId,
		@Nullable String input, @Nullable String output, List<ToolCallRecord> toolCalls, long inputTokens,
		long outputTokens, int modelCalls, long durationNanos, RunOutcome outcome, @Nullable String errorType,
		@Nullable String errorMessage, List<GuardTrip> guardTrips, @Nullable GroundingOutcome grounding,
		long cacheReadTokens, long reasoningTokens, @Nullable BigDecimal cost, @Nullable String currency,
		List<AgentRecord> agents) {

	public RunRecord {
		agents = List.copyOf(agents);
	}

	/**
	 * Creates the record of a run of one AI service, without sub-agents.
	 * @param runId the run id
	 * @param timestamp when it started
	 * @param agent the agent
	 * @param userId the user
	 * @param memoryId the chat memory id
	 * @param input the user message
	 * @param output the answer
	 * @param toolCalls the tool calls
	 * @param inputTokens input tokens
	 * @param outputTokens output tokens
	 * @param modelCalls model calls
	 * @param durationNanos duration
	 * @param outcome outcome
	 * @param errorType error type
	 * @param errorMessage error message
	 * @param guardTrips guard decisions
	 * @param grounding what the hallucination proxy found
	 * @param cacheReadTokens cache-read tokens
	 * @param reasoningTokens reasoning tokens
	 * @param cost cost
	 * @param currency currency
	 */
	public RunRecord(String runId, Instant timestamp, String agent, String userId, @Nullable String memoryId,
			@Nullable String input, @Nullable String output, List<ToolCallRecord> toolCalls, long inputTokens,
			long outputTokens, int modelCalls, long durationNanos, RunOutcome outcome, @Nullable String errorType,
			@Nullable String errorMessage, List<GuardTrip> guardTrips, @Nullable GroundingOutcome grounding,
			long cacheReadTokens, long reasoningTokens, @Nullable BigDecimal cost, @Nullable String currency) {
		this(runId, timestamp, agent, userId, memoryId, input, output, toolCalls, inputTokens, outputTokens,
				modelCalls, durationNanos, outcome, errorType, errorMessage, guardTrips, grounding, cacheReadTokens,
				reasoningTokens, cost, currency, List.of());
	}

	/**
	 * Returns the run's input plus output tokens.
	 * @return total tokens
	 */
	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

}
