package io.github.vigil.store;

import org.jspecify.annotations.Nullable;

/**
 * The application's components behind steps of other kinds than model and tool calls (its retrievers), for replaying
 * a stored step with its recorded input against the live component.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface LiveSteps {

	/**
	 * Runs a stored step again.
	 * @param kind the step's kind, such as {@code retrieval}
	 * @param name its name: the retriever's
	 * @param input what it was asked: the query
	 * @return what it did now, {@code null} when no live component of that kind and name is known
	 */
	@Nullable ReplayedOutcome replay(String kind, String name, String input);

}
