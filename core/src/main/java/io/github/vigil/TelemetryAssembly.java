package io.github.vigil;

import java.util.Map;

import io.github.vigil.metrics.Conventions;
import io.github.vigil.observation.McpCalls;
import io.github.vigil.observation.ModelCallObservationConvention;
import io.github.vigil.observation.RunObservationConvention;
import io.github.vigil.observation.Telemetry;
import io.github.vigil.observation.ToolCallObservationConvention;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The telemetry module ({@code vigil-telemetry}) in a {@link Vigil}: the only class of the assembly that names its
 * types, loaded only when the module is on the class path, so that an application can leave the module out and lose
 * the step and run meters and the traces and nothing else.
 */
final class TelemetryAssembly {

	private TelemetryAssembly() {
	}

	/**
	 * The module's middleware.
	 * @param run the application's run convention, a {@code RunObservationConvention} or {@code null}
	 * @param modelCall the application's model-call convention or {@code null}
	 * @param toolCall the application's tool-call convention or {@code null}
	 */
	static RunMiddleware telemetry(MeterRegistry meters, ObservationRegistry observations, @Nullable Object run,
			@Nullable Object modelCall, @Nullable Object toolCall, boolean includeContent, Conventions conventions) {
		return new Telemetry(meters, observations, (RunObservationConvention) run,
				(ModelCallObservationConvention) modelCall, (ToolCallObservationConvention) toolCall, includeContent,
				conventions);
	}

	/** The {@code _meta} of an MCP request made by the tool call in scope. */
	static Map<String, Object> mcpMeta(ObservationRegistry observations) {
		return McpCalls.meta(observations);
	}

}
