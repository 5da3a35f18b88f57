package io.github.vigil.run;

import org.jspecify.annotations.Nullable;

/**
 * One tool call of a run, as the run log shows it.
 *
 * @param tool tool name
 * @param arguments the arguments the model sent, as JSON text
 * @param success whether the tool returned a usable answer
 * @param latencyNanos how long the tool ran
 * @param errorType bounded error type, {@code null} on success
 * @param errorMessage the failure's message, {@code null} on success or when there is none
 * @param server the key of the MCP server that served the tool, {@code null} for a tool of the application's own
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ToolCallRecord(String tool, @Nullable String arguments, boolean success, long latencyNanos,
		@Nullable String errorType, @Nullable String errorMessage, @Nullable String server) {

	/**
	 * Records a call of a tool the application serves itself.
	 * @param tool the tool
	 * @param arguments its arguments
	 * @param success whether it succeeded
	 * @param latencyNanos how long it took
	 * @param errorType its bounded error type
	 * @param errorMessage what went wrong
	 */
	public ToolCallRecord(String tool, @Nullable String arguments, boolean success, long latencyNanos,
			@Nullable String errorType, @Nullable String errorMessage) {
		this(tool, arguments, success, latencyNanos, errorType, errorMessage, null);
	}

}
