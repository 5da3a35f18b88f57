package io.github.vigil.retrieval;

import io.github.vigil.run.OpenStep;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** What every decorator does around the call it observes, never failing the call itself. */
final class Observing {

	private Observing() {
	}

	static Observation.@Nullable Scope scope(OpenStep step) {
		try {
			return step.observation().isNoop() ? null : step.openScope();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	static void close(Observation.@Nullable Scope scope) {
		if (scope != null) {
			try {
				scope.close();
			}
			catch (RuntimeException ex) {
				// the call's own outcome stands
			}
		}
	}

	static void failed(OpenStep step, Throwable error) {
		try {
			step.failed(error, RetrievalOutcomes.of(error));
		}
		catch (RuntimeException ex) {
			// the user's exception goes on unchanged
		}
	}

}
