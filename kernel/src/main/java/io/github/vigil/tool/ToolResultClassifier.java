package io.github.vigil.tool;

import org.jspecify.annotations.Nullable;

/**
 * Decides whether a tool call that returned normally gave a usable answer. Add rules by implementing this interface
 * (in Spring, declare a bean): they run before the built-in rules, in order, and the first non-null answer wins.
 * <p>
 * Return values become the {@code error.type} tag, so they must come from a small fixed set, never from the
 * result's content.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ToolResultClassifier {

	/**
	 * Classifies a tool result.
	 * @param toolName the tool's name
	 * @param resultText the text the tool returned to the model, {@code null} when it returned non-text content
	 * @return a bounded error type when the result is not a usable answer, or {@code null} to let the next rule
	 * decide
	 */
	@Nullable String classify(String toolName, @Nullable String resultText);

}
