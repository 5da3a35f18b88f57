package io.github.vigil.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.github.vigil.grounding.CsvCatalog;
import io.github.vigil.grounding.KnowledgeBase;
import io.github.vigil.grounding.ReviewSink;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;

/**
 * The hallucination check ({@code vigil.hallucination.*}): what backs an answer, from the properties, a CSV catalog
 * and the application's {@link KnowledgeBase} beans, in that order; and where reviews go.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.grounding.HallucinationCheck")
@EnableConfigurationProperties(HallucinationProperties.class)
class VigilGroundingConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilGroundingCustomizer(HallucinationProperties hallucination,
			ObjectProvider<KnowledgeBase> knowledgeBases, ObjectProvider<ReviewSink> reviewSinks) {
		return (builder) -> {
			builder.hallucinationPolicy(hallucination.toPolicy())
				.knowledgeBase(hallucination.getKnowledgeBase().toKnowledgeBase());
			Resource catalog = hallucination.getCatalog();
			if (catalog != null) {
				builder.knowledgeBase(catalog(catalog));
			}
			knowledgeBases.orderedStream().forEach(builder::knowledgeBase);
			reviewSinks.orderedStream().forEach(builder::reviewSink);
		};
	}

	private static CsvCatalog catalog(Resource resource) {
		if (resource.isFile()) {
			try {
				return CsvCatalog.fromFile(resource.getFile().toPath());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return CsvCatalog.fromStream(resource::getInputStream, resource.getDescription());
	}

}
