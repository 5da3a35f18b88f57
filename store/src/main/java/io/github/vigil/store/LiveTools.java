package io.github.vigil.store;

import dev.langchain4j.service.tool.ToolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The application's tools as replay calls them: the executors AI services offered, unobserved, and the
 * classification of their results that the run pipeline applies.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface LiveTools {

	/**
	 * Returns the executor of a tool an AI service offered.
	 * @param tool the tool name
	 * @return the executor, {@code null} when no AI service offered the tool yet
	 */
	@Nullable ToolExecutor executor(String tool);

	/**
	 * Classifies a tool's result as the run pipeline does.
	 * @param tool the tool name
	 * @param resultText what it returned
	 * @return the error type, {@code null} when the result is usable
	 */
	@Nullable String classify(String tool, String resultText);

}
