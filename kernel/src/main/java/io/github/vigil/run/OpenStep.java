package io.github.vigil.run;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A step of another kind than a model or tool call, as the integration that sees it reports it: started with
 * {@link Steps#start}, then ended once, as a success or a failure. Facts it learns on the way (the number of results,
 * the scores) go on it with {@link #fact(Object)} before it ends, for the middleware that hear of its end.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface OpenStep extends Step {

	/**
	 * Sets when the step began, for a step reported once it had run (a guardrail LangChain4j reports when done, with
	 * its duration).
	 * @param nanoTime when it began, as {@link System#nanoTime()} read it
	 */
	void startedAt(long nanoTime);

	/**
	 * Sets what the step was asked (a retrieval's query): kept with the step in the store, where triage lists it
	 * with the step's failures.
	 * @param input the input, content
	 */
	void input(@Nullable String input);

	/**
	 * Ends the step as a success. Later endings are ignored.
	 */
	void succeeded();

	/**
	 * Ends the step as a failure nothing threw for: a soft failure, such as a retrieval that found nothing.
	 * @param errorType the bounded error type
	 * @param message what went wrong, for people; content, so redacted wherever it is written
	 */
	void failed(String errorType, @Nullable String message);

	/**
	 * Ends the step with what its work threw. An {@link Error} (not an exception) ends the step's run as well, as it
	 * does from a model or a tool: nothing else would.
	 * @param error the failure
	 */
	void failed(Throwable error);

	/**
	 * Ends the step with what its work threw, under an error type the integration knows better (a store's refusal of
	 * a query embedding is a {@code dimension_mismatch}).
	 * @param error the failure
	 * @param errorType the bounded error type
	 */
	void failed(Throwable error, String errorType);

	/**
	 * Returns what went wrong.
	 * @return the message, {@code null} while the step goes on or when it succeeded
	 */
	@Nullable String errorMessage();

	/**
	 * Opens the step's observation scope, so that what the step's work does is its child in a trace.
	 * @return the scope, to close when the work is done
	 */
	default Observation.Scope openScope() {
		return observation().openScope();
	}

}
