package io.github.vigil.autoconfigure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Guardrails and moderation ({@code vigil.guardrails.*}) and MCP tools ({@code vigil.mcp.*}).
 */
@Configuration(proxyBeanMethods = false)
class VigilGuardrailsConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilGuardrailsCustomizer(GuardrailsProperties guardrails, McpProperties mcp) {
		return (builder) -> builder.guardrailPolicy(guardrails.toPolicy()).mcpServers(mcp.isEnabled());
	}

}
