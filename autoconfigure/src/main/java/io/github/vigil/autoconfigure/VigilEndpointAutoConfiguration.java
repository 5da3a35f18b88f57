package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import io.github.vigil.autoconfigure.actuate.VigilEndpoint;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@code vigil} Actuator endpoint. Like every endpoint it is reachable over HTTP only
 * when the application exposes it ({@code management.endpoints.web.exposure.include}). It serves stored runs,
 * which hold user content, and replay, which calls the application's tools: secure it like any endpoint with data.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
@ConditionalOnBean(Vigil.class)
@ConditionalOnAvailableEndpoint(VigilEndpoint.class)
public final class VigilEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	VigilEndpoint vigilEndpoint(Vigil vigil, Environment environment, ObjectProvider<EvalsProperties> evals) {
		// the evals module's properties, when it is on the class path
		EvalsProperties evaluating = evals.getIfAvailable();
		return new VigilEndpoint(vigil, VigilAutoConfiguration.endpointPath(environment),
				evaluating != null && evaluating.getFeedback().isEnabled(),
				evaluating != null && evaluating.getDataset().isEnabled());
	}

}
