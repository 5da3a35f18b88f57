package io.github.vigil.run;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import org.jspecify.annotations.Nullable;

/**
 * One tool call, as middleware see it, from before it runs until it returned or threw. Its outcome is set before
 * the {@code after} hooks run: a result that is an HTML page, malformed JSON or empty is an error too.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ToolCall extends Step {

	/** Name recorded for a tool the model invented. */
	String UNKNOWN_TOOL = "_unknown";

	/**
	 * Returns the tool's name, {@value #UNKNOWN_TOOL} for a tool the model invented.
	 * @return the name, bounded
	 */
	String tool();

	@Override
	default StepKind kind() {
		return StepKind.TOOL_CALL;
	}

	@Override
	default String name() {
		return tool();
	}

	/**
	 * Returns the model's request, with the name it asked for and the arguments.
	 * @return the request
	 */
	ToolExecutionRequest request();

	/**
	 * Returns whether the model asked for a tool that does not exist.
	 * @return whether the tool was invented
	 */
	boolean invented();

	/**
	 * Returns the bounded error type of the outcome, once the call returned or threw.
	 * @return the error type, or {@code null} while running and on success
	 */
	@Nullable String errorType();

	/**
	 * Returns a short description of the failure, once the call returned or threw.
	 * @return the message, or {@code null} on success
	 */
	@Nullable String errorMessage();

	/**
	 * Returns the result text, once the call returned.
	 * @return the text, or {@code null} while running, when it threw, or when the result is not text
	 */
	@Nullable String resultText();

	/**
	 * Returns the key of the MCP server that serves the tool, for a tool from LangChain4j's MCP client.
	 * @return the server's key, {@code null} for a tool of the application's own
	 */
	default @Nullable String server() {
		return null;
	}

	/**
	 * Returns how long the tool ran, once the call returned or threw.
	 * @return nanoseconds, 0 while running
	 */
	long durationNanos();

}
