package io.github.vigil.guard;

import dev.langchain4j.service.tool.ToolExecutionResult;

/**
 * What the built-in guards share.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Guards {

	/** What the model is told of a tool call a guard refused because it ended the run. */
	static final String NOT_EXECUTED = "This tool call was not executed: the run was ended by a guard.";

	private Guards() {
	}

	static ToolExecutionResult notExecuted() {
		return ToolExecutionResult.builder().isError(true).resultText(NOT_EXECUTED).build();
	}

}
