package io.github.vigil.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * The guards ({@code vigil.guard.*}): the loop guard, budgets with the learned token baseline, and the
 * context-window guard with its summarizer, the {@value VigilAutoConfiguration#SUMMARIZER_BEAN} bean when there is
 * one; when the module {@code vigil-guards} is on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.guard.LoopGuard")
@EnableConfigurationProperties(GuardProperties.class)
class VigilGuardsConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilGuardsCustomizer(GuardProperties guard,
			@Qualifier(VigilAutoConfiguration.SUMMARIZER_BEAN) ObjectProvider<ChatModel> summarizer) {
		return (builder) -> builder.loopPolicy(guard.getLoop().toPolicy())
			.budgetPolicy(guard.getBudget().toPolicy())
			.contextWindowPolicy(guard.getContextWindow().toPolicy())
			.summarizer(summarizer.getIfAvailable());
	}

}
