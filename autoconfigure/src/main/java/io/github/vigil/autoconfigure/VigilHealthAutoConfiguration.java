package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import io.github.vigil.autoconfigure.actuate.VigilHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code vigil} health contributor, which shows active alerts: with {@code vigil-alerts}
 * on the class path.
 * {@code management.health.vigil.enabled=false} turns it off.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnClass(name = { "org.springframework.boot.health.contributor.HealthIndicator",
		"io.github.vigil.alert.AlertEvaluator" })
@ConditionalOnBean(Vigil.class)
@ConditionalOnEnabledHealthIndicator("vigil")
@EnableConfigurationProperties(AlertsProperties.class)
public final class VigilHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "vigilHealthIndicator")
	VigilHealthIndicator vigilHealthIndicator(Vigil vigil, AlertsProperties alerts) {
		return new VigilHealthIndicator(vigil, alerts.getHealth().getStatusWhenFiring());
	}

}
