package io.github.vigil.retrieval;

import io.github.vigil.run.OpenStep;
import org.jspecify.annotations.Nullable;

/**
 * The retrieval a thread is inside of, so that the searches and embedding calls it makes are its children; and what
 * its store search learned, for the retrieval's own fact and outcome.
 */
final class Enclosing {

	private static final ThreadLocal<@Nullable OpenStep> current = new ThreadLocal<>();

	private Enclosing() {
	}

	static @Nullable OpenStep current() {
		return current.get();
	}

	static @Nullable OpenStep enter(OpenStep step) {
		OpenStep outer = current.get();
		current.set(step);
		return outer;
	}

	static void exit(@Nullable OpenStep outer) {
		if (outer != null) {
			current.set(outer);
		}
		else {
			current.remove();
		}
	}

	/** What the store search a retrieval made asked for and found. */
	static final class Search {

		volatile int maxResults = -1;

		volatile double minScore = Double.NaN;

		volatile double bestBelow = Double.NaN;

		volatile boolean belowThreshold;

	}

}
