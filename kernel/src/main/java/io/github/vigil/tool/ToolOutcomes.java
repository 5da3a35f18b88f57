package io.github.vigil.tool;

import java.util.ArrayList;
import java.util.List;

import io.github.vigil.run.InternalFailures;
import org.jspecify.annotations.Nullable;

/**
 * What a tool call's result means: the application's classifiers first, then the built-in rules (an HTML page,
 * malformed JSON, an empty result), and the bounded words a failure is described in. A classifier that throws is
 * counted and skipped.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ToolOutcomes {

	private static final int MESSAGE_SNIPPET = 200;

	private final List<ToolResultClassifier> classifiers;

	private final InternalFailures failures;

	/**
	 * Creates the outcomes.
	 * @param classifiers the application's rules, consulted before the built-in ones
	 * @param failures where a failing classifier is counted
	 */
	public ToolOutcomes(List<ToolResultClassifier> classifiers, InternalFailures failures) {
		List<ToolResultClassifier> all = new ArrayList<>(classifiers);
		all.add(new StandardToolResultClassifier());
		this.classifiers = List.copyOf(all);
		this.failures = failures;
	}

	/**
	 * Classifies what a tool returned.
	 * @param tool the tool name
	 * @param text the result's text, {@code null} when it could not be read
	 * @return the error type, {@code null} when the result is usable
	 */
	public @Nullable String classify(String tool, @Nullable String text) {
		for (ToolResultClassifier classifier : this.classifiers) {
			try {
				String type = classifier.classify(tool, text);
				if (type != null) {
					return type;
				}
			}
			catch (RuntimeException ex) {
				this.failures.record("tool-classifier", ex);
			}
		}
		return null;
	}

	/**
	 * Describes a failed result for people: what went wrong and the start of what came back.
	 * @param errorType the error type
	 * @param text what the tool returned
	 * @return the description
	 */
	public static String describe(String errorType, @Nullable String text) {
		String stripped = (text == null) ? "" : text.strip();
		String snippet = stripped.substring(0, Math.min(stripped.length(), MESSAGE_SNIPPET));
		return switch (errorType) {
			case ErrorTypes.HTML_RESPONSE -> "tool returned an HTML page: " + snippet;
			case ErrorTypes.INVALID_JSON -> "tool returned malformed JSON: " + snippet;
			case ErrorTypes.EMPTY_RESULT -> "tool returned an empty result";
			case ErrorTypes.TOOL_ERROR -> "tool reported an error: " + snippet;
			default -> "tool reported an error: " + snippet;
		};
	}

}
