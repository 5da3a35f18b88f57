package io.github.vigil.observation;

import io.github.vigil.metrics.MeteredByVigil;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

/**
 * The meter handler for Vigil's own observations: it claims them and does nothing, because {@link Telemetry}
 * already records their meters. Registered before a generic {@code DefaultMeterObservationHandler} (as the Spring
 * Boot starter does; with a {@code FirstMatchingCompositeObservationHandler} in plain Java), it keeps that handler
 * from deriving a second timer, a long-task timer and event counters from every run and step.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class VigilMeterObservationHandler implements MeterObservationHandler<Observation.Context> {

	@Override
	public boolean supportsContext(Observation.Context context) {
		// every Vigil observation: runs, steps of every kind, and those of other capabilities (an evaluation's)
		return context instanceof RunObservationContext || context instanceof StepObservationContext
				|| context instanceof MeteredByVigil;
	}

}
