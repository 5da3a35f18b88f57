package io.github.vigil.run;

import org.jspecify.annotations.Nullable;

/**
 * One sub-agent's share of a workflow run: what the run log's {@code agents} array holds, in invocation order.
 *
 * @param name the sub-agent: its {@code @Agent} name, else its interface's simple name
 * @param inputTokens input tokens of its model calls
 * @param outputTokens output tokens of its model calls
 * @param modelCalls its model calls
 * @param toolCalls its tool calls
 * @param outcome how its invocation ended: {@code completed}, {@code error} or {@code killed}
 * @param errorType its bounded error type, {@code null} when it completed
 * @author Vigil contributors
 * @since 0.1.0
 */
public record AgentRecord(String name, long inputTokens, long outputTokens, int modelCalls, int toolCalls,
		String outcome, @Nullable String errorType) {

	/**
	 * Returns input plus output tokens.
	 * @return the tokens
	 */
	public long tokens() {
		return this.inputTokens + this.outputTokens;
	}

}
