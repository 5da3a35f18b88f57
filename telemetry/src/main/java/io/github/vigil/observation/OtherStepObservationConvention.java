package io.github.vigil.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Convention for the observations of steps of other kinds than model and tool calls.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface OtherStepObservationConvention extends ObservationConvention<OtherStepObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof OtherStepObservationContext;
	}

}
