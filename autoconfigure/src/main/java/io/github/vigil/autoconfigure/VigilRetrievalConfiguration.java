package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

/**
 * Retrievals ({@code vigil.retrieval.*}): the policy, and the application's retriever, embedding-store and
 * embedding-model beans observed with no code; when the module {@code vigil-retrieval} is on the class path.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.retrieval.Retrievals")
@EnableConfigurationProperties(RetrievalProperties.class)
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
