package io.github.vigil.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;

import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertListener;
import io.github.vigil.grounding.CsvCatalog;
import io.github.vigil.grounding.KnowledgeBase;
import io.github.vigil.grounding.ReviewSink;
import io.github.vigil.observation.DefaultModelCallObservationConvention;
import io.github.vigil.observation.DefaultRunObservationConvention;
import io.github.vigil.observation.DefaultToolCallObservationConvention;
import io.github.vigil.observation.ModelCallObservationConvention;
import io.github.vigil.observation.RunObservationConvention;
import io.github.vigil.observation.ToolCallObservationConvention;
import io.github.vigil.run.RunSink;
import io.github.vigil.tool.ToolResultClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/**
 * Auto-configuration for Vigil: one {@link Vigil} for the application, installed as the default for every AI
 * service, and every chat model bean observed by it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@ConditionalOnClass({ ChatModel.class, Vigil.class })
@ConditionalOnBooleanProperty(name = "vigil.enabled", matchIfMissing = true)
@EnableConfigurationProperties(VigilProperties.class)
public final class VigilAutoConfiguration {

	/**
	 * Name of an optional {@link ChatModel} bean the context-window guard writes summaries with, instead of the
	 * run's own model. It is not observed as an application model: its calls are recorded as the runs' summarize
	 * steps.
	 */
	public static final String SUMMARIZER_BEAN = "vigilSummarizer";

	private static final Logger logger = LoggerFactory.getLogger(VigilAutoConfiguration.class);

	/** Names of Vigil's observations; meters a generic observation handler derives from them are duplicates. */
	private static final Set<String> OBSERVATION_NAMES = Set.of(DefaultRunObservationConvention.DEFAULT_NAME,
			DefaultModelCallObservationConvention.DEFAULT_NAME, DefaultToolCallObservationConvention.DEFAULT_NAME);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Vigil vigil(VigilProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<RunSink> sinks,
			ObjectProvider<ToolResultClassifier> classifiers, ObjectProvider<RunObservationConvention> runConvention,
			ObjectProvider<ModelCallObservationConvention> modelCallConvention,
			ObjectProvider<ToolCallObservationConvention> toolCallConvention,
			ObjectProvider<KnowledgeBase> knowledgeBases, ObjectProvider<ReviewSink> reviewSinks,
			ObjectProvider<AlertListener> alertListeners,
			@Qualifier(SUMMARIZER_BEAN) ObjectProvider<ChatModel> summarizer) {
		if (properties.getTracing().isIncludeContent()) {
			logger.warn("vigil.tracing.include-content is on: prompts, answers and tool data go on spans and may "
					+ "expose personal data");
		}
		Vigil.Builder builder = Vigil.builder(meterRegistry.getIfAvailable(CompositeMeterRegistry::new))
			.observationRegistry(observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP))
			.userIdKey(properties.getRun().getUserIdKey())
			.runIdKey(properties.getRun().getRunIdKey())
			.abandonAfter(properties.getRun().getAbandonAfter())
			.runLog(properties.getRunLog().isEnabled())
			.maxContentLength(properties.getRunLog().getMaxContentLength())
			.redactPii(properties.getRunLog().isRedactPii())
			.includeContentInTraces(properties.getTracing().isIncludeContent())
			.loopPolicy(properties.getGuard().getLoop().toPolicy())
			.budgetPolicy(properties.getGuard().getBudget().toPolicy())
			.contextWindowPolicy(properties.getGuard().getContextWindow().toPolicy())
			.hallucinationPolicy(properties.getHallucination().toPolicy())
			.alertPolicy(properties.getAlerts().toPolicy())
			.summarizer(summarizer.getIfAvailable())
			.knowledgeBase(properties.getHallucination().getKnowledgeBase().toKnowledgeBase())
			.observationConventions(runConvention.getIfUnique(), modelCallConvention.getIfUnique(),
					toolCallConvention.getIfUnique());
		sinks.orderedStream().forEach(builder::sink);
		classifiers.orderedStream().forEach(builder::toolResultClassifier);
		Resource catalog = properties.getHallucination().getCatalog();
		if (catalog != null) {
			builder.knowledgeBase(catalog(catalog));
		}
		knowledgeBases.orderedStream().forEach(builder::knowledgeBase);
		reviewSinks.orderedStream().forEach(builder::reviewSink);
		alertListeners.orderedStream().forEach(builder::alertListener);
		return builder.build().installAsDefault().startAlerts();
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

	@Bean
	static ObservedModelsPostProcessor vigilObservedModelsPostProcessor(ObjectProvider<Vigil> vigil) {
		return new ObservedModelsPostProcessor(vigil);
	}

	@Bean
	MeterFilter vigilObservationMeterFilter() {
		return MeterFilter.deny((id) -> OBSERVATION_NAMES.contains(id.getName())
				|| (id.getName().endsWith(".active")
						&& OBSERVATION_NAMES.contains(id.getName().substring(0, id.getName().length() - 7))));
	}

}
