package io.github.vigil.metrics;

/**
 * Names of the meters Vigil registers. They follow the OpenTelemetry GenAI semantic conventions where those define
 * a meter and sit under {@code vigil.} otherwise. Dashboards and alert rules are built on these names.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class MeterNames {

	/** Tokens per model call and token type; a distribution summary in {@code tokens}. */
	public static final String TOKEN_USAGE = "gen_ai.client.token.usage";

	/** Latency of each model call; a timer. */
	public static final String OPERATION_DURATION = "gen_ai.client.operation.duration";

	/** Latency of each tool call; a timer. */
	public static final String EXECUTE_TOOL_DURATION = "gen_ai.execute_tool.duration";

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

	private MeterNames() {
	}

}
