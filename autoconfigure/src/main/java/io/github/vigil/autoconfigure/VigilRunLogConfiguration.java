package io.github.vigil.autoconfigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/** The run log: one JSON line per run ({@code vigil.run-log.*}). */
@Configuration(proxyBeanMethods = false)
class VigilRunLogConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilRunLogCustomizer(RunLogProperties runLog, Environment environment) {
		return (builder) -> builder.runLog(runLog.isEnabled())
			.runLogStructured(structured(runLog, environment))
			.maxContentLength(runLog.getMaxContentLength())
			.redactPii(runLog.isRedactPii());
	}

	/** Whether run-log events carry structured fields: as configured, else when Boot logs structured. */
	private static boolean structured(RunLogProperties runLog, Environment environment) {
		Boolean structured = runLog.getStructured();
		if (structured != null) {
			return structured;
		}
		return environment.containsProperty("logging.structured.format.console")
				|| environment.containsProperty("logging.structured.format.file");
	}

}
