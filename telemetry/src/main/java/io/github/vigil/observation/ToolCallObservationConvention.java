package io.github.vigil.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Convention for {@link ToolCallObservationContext}; implement it to change names or key values.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ToolCallObservationConvention extends ObservationConvention<ToolCallObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ToolCallObservationContext;
	}

}
