package io.github.vigil.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.github.vigil.run.AgentRecord;
import io.github.vigil.grounding.Flag;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.PromptVersion;
import org.jspecify.annotations.Nullable;

/**
 * A finished run as the run store keeps it: the run's facts and its steps in the order they started. Content
 * ({@code input}, {@code output}, arguments, messages, results) is truncated and redacted under the run log's policy
 * unless the application opts in to whole content.
 *
 * @param runId the run id, as the run log shows it
 * @param traceId the run's trace id when tracing is on, else {@code null}
 * @param instance the application instance that served the run
 * @param agent the agent (AI-service interface's simple name)
 * @param service the AI-service interface's full name, {@code null} when not known
 * @param method the AI-service method's name, {@code null} when not known
 * @param userId the user the run served
 * @param memoryId the chat memory id, {@code null} when the service has none
 * @param startedAt when the run started
 * @param endedAt when it ended
 * @param outcome {@code completed}, {@code error} or {@code killed}
 * @param errorType the run's bounded error type, {@code null} when it completed
 * @param errorMessage the run's failure message, {@code null} when it completed
 * @param inputTokens input tokens over the run
 * @param outputTokens output tokens over the run
 * @param input the user message
 * @param output the answer
 * @param guardTrips the guard decisions
 * @param flags the unbacked items of the answer
 * @param steps the model and tool calls, in the order they started
 * @param cost what the run's priced model calls cost, {@code null} when none was priced
 * @param currency the ISO 4217 code of {@code cost}
 * @param agents a multi-agent workflow run's sub-agents, each with its tokens, calls and outcome; empty otherwise
 * @param version the application's version that served the run, {@code null} when not known
 * @param prompt the prompt the run's AI service used, {@code null} when it sent no system message
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StoredRun(String runId, @Nullable String traceId, String instance, String agent,
		@Nullable String service, @Nullable String method, String userId, @Nullable String memoryId,
		Instant startedAt, Instant endedAt, String outcome, @Nullable String errorType, @Nullable String errorMessage,
		long inputTokens, long outputTokens, @Nullable String input, @Nullable String output,
		List<GuardTrip> guardTrips, List<Flag> flags, List<StoredStep> steps, @Nullable BigDecimal cost,
		@Nullable String currency, List<AgentRecord> agents, @Nullable String version, @Nullable PromptVersion prompt) {

	public StoredRun {
		guardTrips = List.copyOf(guardTrips);
		flags = List.copyOf(flags);
		steps = List.copyOf(steps);
		agents = List.copyOf(agents);
	}

	/**
	 * Creates a stored run whose application version is not known.
	 * @param runId the run id
	 * @param traceId the trace id
	 * @param instance the instance
	 * @param agent the agent
	 * @param service the service
	 * @param method the method
	 * @param userId the user
	 * @param memoryId the memory id
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param outcome the outcome
	 * @param errorType the error type
	 * @param errorMessage the error message
	 * @param inputTokens input tokens
	 * @param outputTokens output tokens
	 * @param input the input
	 * @param output the output
	 * @param guardTrips the guard decisions
	 * @param flags the flags
	 * @param steps the steps
	 * @param cost the cost
	 * @param currency the currency
	 * @param agents the sub-agents
	 */
	public StoredRun(String runId, @Nullable String traceId, String instance, String agent, @Nullable String service,
			@Nullable String method, String userId, @Nullable String memoryId, Instant startedAt, Instant endedAt,
			String outcome, @Nullable String errorType, @Nullable String errorMessage, long inputTokens,
			long outputTokens, @Nullable String input, @Nullable String output, List<GuardTrip> guardTrips,
			List<Flag> flags, List<StoredStep> steps, @Nullable BigDecimal cost, @Nullable String currency,
			List<AgentRecord> agents, @Nullable String version) {
		this(runId, traceId, instance, agent, service, method, userId, memoryId, startedAt, endedAt, outcome,
				errorType, errorMessage, inputTokens, outputTokens, input, output, guardTrips, flags, steps, cost,
				currency, agents, version, null);
	}

	/**
	 * Creates a stored run whose application version and prompt are not known.
	 * @param runId the run id
	 * @param traceId the trace id
	 * @param instance the instance
	 * @param agent the agent
	 * @param service the service
	 * @param method the method
	 * @param userId the user
	 * @param memoryId the memory id
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param outcome the outcome
	 * @param errorType the error type
	 * @param errorMessage the error message
	 * @param inputTokens input tokens
	 * @param outputTokens output tokens
	 * @param input the input
	 * @param output the output
	 * @param guardTrips the guard decisions
	 * @param flags the flags
	 * @param steps the steps
	 * @param cost the cost
	 * @param currency the currency
	 * @param agents the sub-agents
	 */
	public StoredRun(String runId, @Nullable String traceId, String instance, String agent, @Nullable String service,
			@Nullable String method, String userId, @Nullable String memoryId, Instant startedAt, Instant endedAt,
			String outcome, @Nullable String errorType, @Nullable String errorMessage, long inputTokens,
			long outputTokens, @Nullable String input, @Nullable String output, List<GuardTrip> guardTrips,
			List<Flag> flags, List<StoredStep> steps, @Nullable BigDecimal cost, @Nullable String currency,
			List<AgentRecord> agents) {
		this(runId, traceId, instance, agent, service, method, userId, memoryId, startedAt, endedAt, outcome,
				errorType, errorMessage, inputTokens, outputTokens, input, output, guardTrips, flags, steps, cost,
				currency, agents, null);
	}

	/**
	 * Creates a stored run of one AI service, without sub-agents.
	 * @param runId the run id
	 * @param traceId the trace id
	 * @param instance the instance
	 * @param agent the agent
	 * @param service the service
	 * @param method the method
	 * @param userId the user
	 * @param memoryId the memory id
	 * @param startedAt when it started
	 * @param endedAt when it ended
	 * @param outcome the outcome
	 * @param errorType the error type
	 * @param errorMessage the error message
	 * @param inputTokens input tokens
	 * @param outputTokens output tokens
	 * @param input the input
	 * @param output the output
	 * @param guardTrips the guard decisions
	 * @param flags the flags
	 * @param steps the steps
	 * @param cost the cost
	 * @param currency the currency
	 */
	public StoredRun(String runId, @Nullable String traceId, String instance, String agent, @Nullable String service,
			@Nullable String method, String userId, @Nullable String memoryId, Instant startedAt, Instant endedAt,
			String outcome, @Nullable String errorType, @Nullable String errorMessage, long inputTokens,
			long outputTokens, @Nullable String input, @Nullable String output, List<GuardTrip> guardTrips,
			List<Flag> flags, List<StoredStep> steps, @Nullable BigDecimal cost, @Nullable String currency) {
		this(runId, traceId, instance, agent, service, method, userId, memoryId, startedAt, endedAt, outcome,
				errorType, errorMessage, inputTokens, outputTokens, input, output, guardTrips, flags, steps, cost,
				currency, List.of());
	}

	/**
	 * Returns this run with other steps.
	 * @param steps the steps
	 * @return the run
	 */
	public StoredRun withSteps(List<StoredStep> steps) {
		return new StoredRun(this.runId, this.traceId, this.instance, this.agent, this.service, this.method,
				this.userId, this.memoryId, this.startedAt, this.endedAt, this.outcome, this.errorType,
				this.errorMessage, this.inputTokens, this.outputTokens, this.input, this.output, this.guardTrips,
				this.flags, steps, this.cost, this.currency, this.agents, this.version, this.prompt);
	}

	/**
	 * Returns input plus output tokens.
	 * @return the tokens
	 */
	public long totalTokens() {
		return this.inputTokens + this.outputTokens;
	}

	/**
	 * Returns whether the run is one that sampling always keeps: it did not complete, a tool call failed, a guard
	 * decided or the answer was flagged.
	 * @return whether it is
	 */
	public boolean notable() {
		if (!"completed".equals(this.outcome) || !this.guardTrips.isEmpty() || !this.flags.isEmpty()) {
			return true;
		}
		for (StoredStep step : this.steps) {
			if (step.failed()) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the run without its steps: what lists of runs show.
	 * @return the summary
	 */
	public StoredRun withoutSteps() {
		return withSteps(List.of());
	}

}
