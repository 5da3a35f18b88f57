package io.github.vigil.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Guardrails and moderation ({@code vigil.guardrails.*}), when the module {@code vigil-guardrails} is on the class
 * path: an application that leaves it out of the starter has no guardrail or moderation steps, and nothing else
 * changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.guardrail.Guardrails")
@EnableConfigurationProperties(GuardrailsProperties.class)
class VigilGuardrailsConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilGuardrailsCustomizer(GuardrailsProperties guardrails) {
		return (builder) -> builder.guardrailPolicy(guardrails.toPolicy());
	}

}
