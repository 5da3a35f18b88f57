package io.github.vigil.autoconfigure;

import io.github.vigil.run.Run;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.handler.TracingObservationHandler;
import org.jspecify.annotations.Nullable;

/**
 * Reads a run's trace id from its observation, when Micrometer Tracing traced it. Loaded only when Micrometer
 * Tracing is on the class path.
 */
final class RunTraceIds {

	static final String TRACING_CONTEXT = "io.micrometer.tracing.handler.TracingObservationHandler";

	private RunTraceIds() {
	}

	static @Nullable String of(Run run) {
		TracingObservationHandler.TracingContext tracing = run.observation()
			.getContextView()
			.get(TracingObservationHandler.TracingContext.class);
		Span span = (tracing != null) ? tracing.getSpan() : null;
		return (span != null) ? span.context().traceId() : null;
	}

}
