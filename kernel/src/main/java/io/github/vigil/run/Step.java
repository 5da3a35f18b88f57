package io.github.vigil.run;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A step of a run (a model call, a tool call, or a step of another {@linkplain StepKind kind}), as middleware see
 * it: what every step offers.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Step {

	/**
	 * Returns the run the step belongs to.
	 * @return the run, or {@code null} for a step outside any AI service
	 */
	@Nullable Run run();

	/**
	 * Returns the step this one ran inside of, when it did: the retrieval a store search was made for.
	 * @return the enclosing step, {@code null} for a step of its run
	 */
	default @Nullable Step parent() {
		return null;
	}

	/**
	 * Returns what the step was asked, when its integration said: a retrieval's query. Content: written where content
	 * is allowed, redacted.
	 * @return the input, {@code null} when not known
	 */
	default @Nullable String input() {
		return null;
	}

	/**
	 * Returns the step's kind.
	 * @return the kind
	 */
	StepKind kind();

	/**
	 * Returns the step's bounded name: the model asked, the tool called, the retriever searched.
	 * @return the name
	 */
	String name();

	/**
	 * Returns when the step started, as {@link System#nanoTime()} read it: for placing it on its run's timeline.
	 * @return the reading, {@code 0} before the step starts
	 */
	long startNanos();

	/**
	 * Returns how long the step took, once it ended.
	 * @return the duration, {@code 0} while it goes on
	 */
	long durationNanos();

	/**
	 * Returns how the step failed, once it ended.
	 * @return the bounded error type, {@code null} while it goes on or when it succeeded
	 */
	@Nullable String errorType();

	/**
	 * Returns a fact a capability published about the step.
	 * @param type the fact's type
	 * @param <T> the type
	 * @return the fact, {@code null} when there is none
	 */
	<T> @Nullable T fact(Class<T> type);

	/**
	 * Publishes a fact about the step, in place of any of the same class, for the middleware that hear of it after.
	 * @param fact the fact
	 */
	void fact(Object fact);

	/**
	 * Returns every fact published about the step.
	 * @return the facts
	 */
	Facts facts();

	/**
	 * Returns this step's state of the given type, creating it on first use.
	 * @param type the state's type
	 * @param initial creates the state
	 * @param <T> the type
	 * @return the state
	 */
	<T> T state(Class<T> type, Supplier<? extends T> initial);

	/**
	 * Returns this step's state of the given type.
	 * @param type the state's type
	 * @param <T> the type
	 * @return the state, or {@code null}
	 */
	<T> @Nullable T state(Class<T> type);

	/**
	 * Sets the observation the step runs in scope of, so that what the model's HTTP client or the tool does is its
	 * child; the tracing middleware does.
	 * @param observation the observation
	 */
	void observation(Observation observation);

	/**
	 * Returns the observation the step runs in scope of.
	 * @return the observation, {@link Observation#NOOP} when no middleware set one
	 */
	Observation observation();

}
