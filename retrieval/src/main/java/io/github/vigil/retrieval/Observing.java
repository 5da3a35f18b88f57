package io.github.vigil.retrieval;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.github.vigil.run.OpenStep;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** What every decorator does around the call it observes, never failing the call itself. */
final class Observing {

	private Observing() {
	}

	/**
	 * Runs the decorated call as the step's work: in its observation's scope, ended with what it returned, or failed
	 * with what it threw, which goes on unchanged.
	 */
	static <R> R around(OpenStep step, Supplier<R> call, Consumer<R> ended) {
		Observation.Scope scope = scope(step);
		try {
			R result = call.get();
			ended.accept(result);
			return result;
		}
		catch (Throwable error) {
			failed(step, error);
			throw error;
		}
		finally {
			close(scope);
		}
	}

	private static Observation.@Nullable Scope scope(OpenStep step) {
		try {
			return step.observation().isNoop() ? null : step.openScope();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static void close(Observation.@Nullable Scope scope) {
		if (scope != null) {
			try {
				scope.close();
			}
			catch (RuntimeException ex) {
				// the call's own outcome stands
			}
		}
	}

	private static void failed(OpenStep step, Throwable error) {
		try {
			step.failed(error, RetrievalOutcomes.of(error));
		}
		catch (RuntimeException ex) {
			// the user's exception goes on unchanged
		}
	}

}
