package io.github.vigil.observation;

import org.jspecify.annotations.Nullable;

/**
 * Context of a tool call's observation ({@code execute_tool {tool}}).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ToolCallObservationContext extends StepObservationContext {

	private final String tool;

	private final String agent;

	private final @Nullable String callId;

	private String errorType = "none";

	private @Nullable String arguments;

	private @Nullable String result;

	private @Nullable String server;

	/**
	 * Returns the key of the MCP server that serves the tool.
	 * @return the key, {@code null} for a tool of the application's own
	 */
	public @Nullable String getServer() {
		return this.server;
	}

	/**
	 * Sets the key of the MCP server that serves the tool.
	 * @param server the key
	 */
	public void setServer(@Nullable String server) {
		this.server = server;
	}

	public ToolCallObservationContext(String tool, String agent, @Nullable String callId) {
		this.tool = tool;
		this.agent = agent;
		this.callId = callId;
	}

	public String getTool() {
		return this.tool;
	}

	public String getAgent() {
		return this.agent;
	}

	public @Nullable String getCallId() {
		return this.callId;
	}

	public String getErrorType() {
		return this.errorType;
	}

	public void setErrorType(String errorType) {
		this.errorType = errorType;
	}

	/**
	 * Returns the arguments, set only when content is included in traces.
	 * @return the arguments or {@code null}
	 */
	public @Nullable String getArguments() {
		return this.arguments;
	}

	public void setArguments(@Nullable String arguments) {
		this.arguments = arguments;
	}

	/**
	 * Returns the result text, set only when content is included in traces.
	 * @return the result or {@code null}
	 */
	public @Nullable String getResult() {
		return this.result;
	}

	public void setResult(@Nullable String result) {
		this.result = result;
	}

}
