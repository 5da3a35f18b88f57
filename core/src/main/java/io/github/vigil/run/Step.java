package io.github.vigil.run;

import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A step of a run, a model call or a tool call, as middleware see it: what every step offers.
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
