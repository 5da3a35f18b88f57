package io.github.vigil.metrics;

/**
 * Names of the meters Vigil registers. They follow the OpenTelemetry GenAI semantic conventions where those define
 * a meter and sit under {@code vigil.} otherwise. Dashboards and alert rules are built on these names.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class MeterNames {

	/**
	 * Tokens per model call and token type; a distribution summary in {@code tokens}. The previous conventions'
	 * name, recorded only with {@link Conventions#BOTH}: {@link #INPUT_TOKENS} and {@link #OUTPUT_TOKENS} replace it.
	 */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/** Input tokens of model calls, cached ones included; a counter. */
	public static final String INPUT_TOKENS = "gen_ai.client.inference.usage.input_tokens";

	/** Output tokens of model calls, reasoning ones included; a counter. */
	public static final String OUTPUT_TOKENS = "gen_ai.client.inference.usage.output_tokens";

	/** Input tokens served from the provider's cache; a counter. */
	public static final String CACHE_READ_TOKENS = "gen_ai.client.inference.usage.cache_read.input_tokens";

	/** Input tokens written to the provider's cache; a counter. */
	public static final String CACHE_WRITE_TOKENS = "gen_ai.client.inference.usage.cache_write.input_tokens";

	/** Output tokens spent reasoning; a counter. */
	public static final String REASONING_TOKENS = "gen_ai.client.inference.usage.reasoning.output_tokens";

	/** Input tokens per model call; a distribution summary, for percentiles. */
	public static final String OPERATION_INPUT_TOKENS = "gen_ai.client.inference.operation.input_tokens";

	/** Output tokens per model call; a distribution summary, for percentiles. */
	public static final String OPERATION_OUTPUT_TOKENS = "gen_ai.client.inference.operation.output_tokens";

	/** Duration of each tool call an MCP server answered, per server; a timer. */
	public static final String MCP_CLIENT_DURATION = "mcp.client.operation.duration";

	/** Duration of each multi-agent workflow run; a timer. */
	public static final String INVOKE_WORKFLOW_DURATION = "gen_ai.invoke_workflow.duration";

	/** Latency of each model call; a timer. */
	public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	/** Latency of each tool call; a timer. */
	public static final String EXECUTE_TOOL_DURATION = "gen_ai.execute_tool.duration";

	/** Timer: duration of the steps of other kinds than model and tool calls (retrievals, ...), per kind and name. */
	public static final String STEP_DURATION = "vigil.step.duration";

	/** Duration of each run (one AI-service method call); a timer. */
	public static final String INVOKE_AGENT_DURATION = "gen_ai.invoke_agent.duration";

	/** Total tokens of each run; a distribution summary in {@code tokens}. */
	public static final String RUN_TOKENS = "vigil.run.tokens";

	/** Tool calls per run; a distribution summary. */
	public static final String RUN_TOOL_CALLS = "vigil.run.tool.calls";

	/** Guard decisions; a counter. */
	public static final String GUARD_TRIPS = "vigil.guard.trips";

	/** The learned p95 of total tokens per run, per agent; a gauge. */
	public static final String RUN_TOKENS_BASELINE = "vigil.run.tokens.baseline";

	/** Model-context utilization (request tokens / context window) per model call; a distribution summary. */
	public static final String CONTEXT_UTILIZATION = "vigil.context.utilization";

	/** Unbacked items found in answers, per kind; a counter. */
	public static final String HALLUCINATION_FLAGS = "vigil.hallucination.flags";

	/** Answers checked by the hallucination proxy, per result; a counter. */
	public static final String HALLUCINATION_CHECKS = "vigil.hallucination.checks";

	/** Whether an alert is firing for a subject at a severity (1/0); a gauge. */
	public static final String ALERTS_ACTIVE = "vigil.alerts.active";

	/** Alert transitions to firing; a counter. */
	public static final String ALERTS_FIRED = "vigil.alerts.fired";

	/** Failures inside Vigil itself (a sink, a classifier, a listener), which never reach the caller. */
	public static final String INTERNAL_ERRORS = "vigil.internal.errors";

	/** Time to the first chunk of a streaming model call. */
	public static final String TIME_TO_FIRST_CHUNK = "gen_ai.client.operation.time_to_first_chunk";

	/** Time between the chunks of a streaming model call after the first. */
	public static final String TIME_PER_OUTPUT_CHUNK = "gen_ai.client.operation.time_per_output_chunk";

	/** Model calls per agent run, in the GenAI conventions' name. */
	public static final String INFERENCE_CALLS = "gen_ai.invoke_agent.inference_calls";

	/** Tool calls per agent run, in the GenAI conventions' name; {@link #RUN_TOOL_CALLS} records the same. */
	public static final String AGENT_TOOL_CALLS = "gen_ai.invoke_agent.tool_calls";

	/**
	 * What model calls cost, in the configured currency; a counter. The previous name, recorded only with
	 * {@link Conventions#BOTH}: {@link #OPERATION_COST} replaces it.
	 */
	public static final String CLIENT_COST = "gen_ai.client.cost";

	/** What each model call cost, in the configured currency; a distribution summary. */
	public static final String OPERATION_COST = "gen_ai.client.operation.cost";

	/** What a run cost. */
	public static final String RUN_COST = "vigil.run.cost";

	/** Model calls that got no cost: unknown model, or usage missing or not believable. */
	public static final String COST_UNPRICED = "vigil.cost.unpriced";

	private MeterNames() {
	}

	/** Each score a scorer gave a run, per scorer and agent; a distribution summary in [0, 1]. */
	public static final String EVAL_SCORE = "vigil.eval.score";

	/** The mean resolution score of the last 7 days' scored runs, per agent; a gauge. */
	public static final String EVAL_RESOLUTION_RATE = "vigil.eval.resolution.rate";

	/** Runs with a resolution score in the last 7 days, per agent; a gauge. */
	public static final String EVAL_RESOLUTION_SCORED = "vigil.eval.resolution.scored";

	/** Runs whose answer could not be parsed into the AI-service method's return type. */
	public static final String OUTPUT_PARSING_FAILURES = "vigil.output.parsing.failures";

}
