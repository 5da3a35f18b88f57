package io.github.vigil.retrieval;

import java.util.Locale;

import io.github.vigil.tool.ErrorTypes;

/**
 * The bounded error types of retrieval steps, besides those of any failed call ({@code timeout}, {@code error}):
 * the soft failures that "succeed" and leave the agent answering from nothing.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RetrievalOutcomes {

	/** Nothing retrieved: an emptied collection, a filter that matches nothing. */
	public static final String EMPTY = "empty";

	/** Documents were there, but every one scored below the minimum score. */
	public static final String BELOW_THRESHOLD = "below_threshold";

	/** The store refused the query embedding: a model of another dimension than the collection's. */
	public static final String DIMENSION_MISMATCH = "dimension_mismatch";

	private RetrievalOutcomes() {
	}

	/**
	 * Returns the error type of what a retriever, a store or an embedding model threw.
	 * @param error what it threw
	 * @return {@link #DIMENSION_MISMATCH} when the message says so, else the kernel's type for it
	 */
	public static String of(Throwable error) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			String message = cause.getMessage();
			if (message != null) {
				String lower = message.toLowerCase(Locale.ROOT);
				if (lower.contains("dimension") || lower.contains("length of vector")) {
					return DIMENSION_MISMATCH;
				}
			}
		}
		return ErrorTypes.of(error);
	}

}
