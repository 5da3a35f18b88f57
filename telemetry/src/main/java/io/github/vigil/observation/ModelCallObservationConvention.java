package io.github.vigil.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Convention for {@link ModelCallObservationContext}; implement it to change names or key values.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ModelCallObservationConvention extends ObservationConvention<ModelCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ModelCallObservationContext;
	}

}
