package io.github.vigil.autoconfigure;

import io.github.vigil.observation.ModelCallObservationConvention;
import io.github.vigil.observation.RunObservationConvention;
import io.github.vigil.observation.ToolCallObservationConvention;
import io.github.vigil.observation.VigilMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Telemetry, when the module {@code vigil-telemetry} is on the class path: the observation registry runs and steps
 * are observed through ({@code vigil.tracing.*}), the
 * application's observation conventions, and the handler that keeps Boot from deriving a second set of meters.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.observation.Telemetry")
class VigilTelemetryConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(VigilAutoConfiguration.class);

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilTelemetryCustomizer(TracingProperties tracing,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ObservationHandler<?>> observationHandlers,
			ObjectProvider<RunObservationConvention> runConvention,
			ObjectProvider<ModelCallObservationConvention> modelCallConvention,
			ObjectProvider<ToolCallObservationConvention> toolCallConvention) {
		return (builder) -> {
			if (tracing.isIncludeContent()) {
				logger.warn("vigil.tracing.include-content is on: prompts, answers and tool data go on spans and may "
						+ "expose personal data");
			}
			builder.observationRegistry(observations(tracing, observationRegistry, observationHandlers))
				.includeContentInTraces(tracing.isIncludeContent())
				.observationConventions(runConvention.getIfUnique(), modelCallConvention.getIfUnique(),
						toolCallConvention.getIfUnique());
		};
	}

	/**
	 * The registry Vigil observes runs through: the application's, unless only meter handlers would see the
	 * observations (Vigil records its meters itself, so nothing would read them) or the application says otherwise.
	 */
	private static ObservationRegistry observations(TracingProperties tracing,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ObservationHandler<?>> observationHandlers) {
		ObservationRegistry registry = observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP);
		Boolean enabled = tracing.getEnabled();
		boolean observe = (enabled != null) ? enabled
				: observationHandlers.stream().anyMatch((handler) -> !(handler instanceof MeterObservationHandler));
		return observe ? registry : ObservationRegistry.NOOP;
	}

	/**
	 * Claims Vigil's observations ahead of Boot's {@code DefaultMeterObservationHandler}, which would otherwise
	 * derive a second timer, a long-task timer and event counters from each of them: their meters are recorded once,
	 * by Vigil's telemetry.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	VigilMeterObservationHandler vigilMeterObservationHandler() {
		return new VigilMeterObservationHandler();
	}

}
