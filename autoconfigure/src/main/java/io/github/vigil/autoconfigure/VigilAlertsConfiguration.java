package io.github.vigil.autoconfigure;

import io.github.vigil.alert.AlertListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Alerts in the application ({@code vigil.alerts.*}) and the application's {@link AlertListener} beans. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.alert.AlertEvaluator")
@EnableConfigurationProperties(AlertsProperties.class)
class VigilAlertsConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilAlertsCustomizer(AlertsProperties alerts,
			ObjectProvider<AlertListener> alertListeners) {
		return (builder) -> {
			builder.alertPolicy(alerts.toPolicy());
			alertListeners.orderedStream().forEach(builder::alertListener);
		};
	}

}
