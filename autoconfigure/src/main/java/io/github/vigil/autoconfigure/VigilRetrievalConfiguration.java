package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Retrievals ({@code vigil.retrieval.*}): the policy, and the application's retriever, embedding-store and
 * embedding-model beans observed with no code.
 */
@Configuration(proxyBeanMethods = false)
class VigilRetrievalConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilRetrievalCustomizer(RetrievalProperties retrieval) {
		return (builder) -> builder.retrievalPolicy(retrieval.toPolicy());
	}

	@Bean
	static ObservedRetrievalPostProcessor vigilObservedRetrievalPostProcessor(ObjectProvider<Vigil> vigil,
			Environment environment) {
		return new ObservedRetrievalPostProcessor(vigil,
				environment.getProperty("vigil.retrieval.enabled", Boolean.class, true));
	}

}
