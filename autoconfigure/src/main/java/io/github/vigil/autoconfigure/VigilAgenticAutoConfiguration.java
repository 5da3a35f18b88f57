package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import io.github.vigil.agentic.AgenticWorkflows;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Observes every agent bean built with LangChain4j's {@code AgenticServices} when {@code vigil-agentic} is on the
 * class path: each workflow invocation is one run, its sub-agents nested in it. LangChain4j has no global agent
 * listener, so Vigil's goes on each agent bean, from which its sub-agents inherit it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnClass(name = { "io.github.vigil.agentic.AgenticWorkflows",
		"dev.langchain4j.agentic.internal.InternalAgent" })
@ConditionalOnBooleanProperty(name = "vigil.enabled", matchIfMissing = true)
public final class VigilAgenticAutoConfiguration {

	@Bean
	static BeanPostProcessor vigilAgentsPostProcessor(ObjectProvider<Vigil> vigil,
			ObjectProvider<VigilProperties> properties) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (AgenticWorkflows.isAgent(bean)) {
					Vigil current = vigil.getIfAvailable();
					if (current != null) {
						VigilProperties settings = properties.getIfAvailable(VigilProperties::new);
						AgenticWorkflows.observe(current.workflows(), bean, settings.getRun().getUserIdKey(),
								settings.getRun().getRunIdKey());
					}
				}
				return bean;
			}
		};
	}

}
