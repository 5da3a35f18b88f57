package io.github.vigil.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertListener;
import io.github.vigil.cost.ModelPrices;
import io.github.vigil.eval.Scorer;
import io.github.vigil.grounding.CsvCatalog;
import io.github.vigil.grounding.KnowledgeBase;
import io.github.vigil.grounding.ReviewSink;
import io.github.vigil.observation.ModelCallObservationConvention;
import io.github.vigil.observation.RunObservationConvention;
import io.github.vigil.observation.ToolCallObservationConvention;
import io.github.vigil.observation.VigilMeterObservationHandler;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunSink;
import io.github.vigil.store.ReplayPolicy;
import io.github.vigil.store.RunStore;
import io.github.vigil.tool.ToolResultClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
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
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.util.ClassUtils;

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
@Import({ VigilRunStoreConfiguration.class, VigilInstanceConfiguration.class })
public final class VigilAutoConfiguration {

	/**
	 * Name of an optional {@link ChatModel} bean the context-window guard writes summaries with, instead of the
	 * run's own model. It is not observed as an application model: its calls are recorded as the runs' summarize
	 * steps.
	 */
	public static final String SUMMARIZER_BEAN = "vigilSummarizer";

	/**
	 * Name of an optional {@link ChatModel} bean the judge scorer grades answers with
	 * ({@code vigil.evals.judge.enabled}); without it, the application's only chat model.
	 */
	public static final String JUDGE_BEAN = "vigilJudge";

	private static final Logger logger = LoggerFactory.getLogger(VigilAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Vigil vigil(VigilProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<ObservationRegistry> observationRegistry, ObjectProvider<RunSink> sinks,
			ObjectProvider<ToolResultClassifier> classifiers, ObjectProvider<RunObservationConvention> runConvention,
			ObjectProvider<ModelCallObservationConvention> modelCallConvention,
			ObjectProvider<ToolCallObservationConvention> toolCallConvention,
			ObjectProvider<KnowledgeBase> knowledgeBases, ObjectProvider<ReviewSink> reviewSinks,
			ObjectProvider<AlertListener> alertListeners, ObjectProvider<RunMiddleware> middleware,
			ObjectProvider<ObservationHandler<?>> observationHandlers, Environment environment,
			@Qualifier(SUMMARIZER_BEAN) ObjectProvider<ChatModel> summarizer, ObjectProvider<RunStore> runStore,
			ObjectProvider<ModelPrices> modelPrices, ObjectProvider<Scorer> scorers,
			ObjectProvider<VigilBuilderCustomizer> customizers, ApplicationContext context) {
		if (properties.getTracing().isIncludeContent()) {
			logger.warn("vigil.tracing.include-content is on: prompts, answers and tool data go on spans and may "
					+ "expose personal data");
		}
		Vigil.Builder builder = Vigil.builder(meterRegistry.getIfAvailable(CompositeMeterRegistry::new))
			.observationRegistry(observations(properties, observationRegistry, observationHandlers))
			.userIdKey(properties.getRun().getUserIdKey())
			.runIdKey(properties.getRun().getRunIdKey())
			.abandonAfter(properties.getRun().getAbandonAfter())
			.runLog(properties.getRunLog().isEnabled())
			.runLogStructured(structuredRunLog(properties, environment))
			.maxContentLength(properties.getRunLog().getMaxContentLength())
			.redactPii(properties.getRunLog().isRedactPii())
			.includeContentInTraces(properties.getTracing().isIncludeContent())
			.loopPolicy(properties.getGuard().getLoop().toPolicy())
			.budgetPolicy(properties.getGuard().getBudget().toPolicy())
			.modelPrices(modelPrices.getIfAvailable(() -> properties.getCost().toPriceTable()))
			.contextWindowPolicy(properties.getGuard().getContextWindow().toPolicy())
			.hallucinationPolicy(properties.getHallucination().toPolicy())
			.alertPolicy(properties.getAlerts().toPolicy())
			.summarizer(summarizer.getIfAvailable())
			.knowledgeBase(properties.getHallucination().getKnowledgeBase().toKnowledgeBase())
			.observationConventions(runConvention.getIfUnique(), modelCallConvention.getIfUnique(),
					toolCallConvention.getIfUnique());
		VigilProperties.Store store = properties.getStore();
		builder.storePolicy(store.toPolicy())
			.replayPolicy(new ReplayPolicy(properties.getTriage().getReplay().isEnabled(),
					properties.getTriage().getReplay().getTools()))
			.replayServices((type) -> context.getBeanProvider(type).getIfUnique())
			.triagePath(endpointPath(environment) + "/tools/{tool}");
		runStore.ifAvailable(builder::runStore);
		if (ClassUtils.isPresent(RunTraceIds.TRACING_CONTEXT, VigilAutoConfiguration.class.getClassLoader())) {
			builder.traceIds(RunTraceIds::of);
		}
		builder.evalPolicy(properties.getEvals().toPolicy())
			.scorers(scorers(properties.getEvals(), scorers, context));
		sinks.orderedStream().forEach(builder::sink);
		middleware.orderedStream().filter((bean) -> !(bean instanceof RunSink)).forEach(builder::middleware);
		classifiers.orderedStream().forEach(builder::toolResultClassifier);
		Resource catalog = properties.getHallucination().getCatalog();
		if (catalog != null) {
			builder.knowledgeBase(catalog(catalog));
		}
		knowledgeBases.orderedStream().forEach(builder::knowledgeBase);
		reviewSinks.orderedStream().forEach(builder::reviewSink);
		alertListeners.orderedStream().forEach(builder::alertListener);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build().installAsDefault().startAlerts();
	}

	/** The shipped scorers named in the properties, the judge when it is on, and the application's scorers. */
	private static List<Scorer> scorers(VigilProperties.Evals evals, ObjectProvider<Scorer> beans,
			ApplicationContext context) {
		List<Scorer> scorers = new ArrayList<>();
		for (String name : evals.getScorers()) {
			scorers.add(switch (name) {
				case "resolution" -> Scorer.resolution(evals.getResolution().toEscalation());
				case "tool-success" -> Scorer.toolSuccess();
				case "grounded" -> Scorer.grounded();
				case "not-killed" -> Scorer.notKilled();
				default -> throw new IllegalStateException("vigil.evals.scorers names an unknown scorer '" + name
						+ "'; the shipped scorers are resolution, tool-success, grounded and not-killed (add others "
						+ "as Scorer beans)");
			});
		}
		VigilProperties.Judge judging = evals.getJudge();
		if (judging.isEnabled()) {
			String model = judgeModel(context);
			// looked up when the first run is judged: the model bean is observed by this Vigil, so it comes after it
			ChatModel judge = new ChatModel() {
				@Override
				public dev.langchain4j.model.chat.response.ChatResponse doChat(
						dev.langchain4j.model.chat.request.ChatRequest request) {
					return context.getBean(model, ChatModel.class).chat(request);
				}
			};
			scorers.add(Scorer.judge(judge, judging.getRubric(), judging.getSampleRate()));
		}
		beans.orderedStream().forEach(scorers::add);
		return scorers;
	}

	/** The chat model bean the judge grades with: {@value #JUDGE_BEAN}, else the only one. */
	private static String judgeModel(ApplicationContext context) {
		List<String> models = new ArrayList<>(List.of(context.getBeanNamesForType(ChatModel.class, true, false)));
		models.remove(SUMMARIZER_BEAN);
		if (models.contains(JUDGE_BEAN)) {
			return JUDGE_BEAN;
		}
		if (models.size() == 1) {
			return models.get(0);
		}
		throw new IllegalStateException("vigil.evals.judge.enabled is true but there is no chat model to judge with: "
				+ "define a ChatModel bean named " + JUDGE_BEAN + " (or have exactly one ChatModel); found "
				+ models);
	}

	/** The path of the {@code vigil} Actuator endpoint, under the management base path. */
	static String endpointPath(Environment environment) {
		String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String mapped = environment.getProperty("management.endpoints.web.path-mapping.vigil", "vigil");
		return (base.endsWith("/") ? base : base + "/") + mapped;
	}

	/**
	 * The registry Vigil observes runs through: the application's, unless only meter handlers would see the
	 * observations (Vigil records its meters itself, so nothing would read them) or the application says otherwise.
	 */
	private static ObservationRegistry observations(VigilProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<ObservationHandler<?>> observationHandlers) {
		ObservationRegistry registry = observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP);
		Boolean enabled = properties.getTracing().getEnabled();
		boolean observe = (enabled != null) ? enabled
				: observationHandlers.stream().anyMatch((handler) -> !(handler instanceof MeterObservationHandler));
		return observe ? registry : ObservationRegistry.NOOP;
	}

	/** Whether run-log events carry structured fields: as configured, else when Boot logs structured. */
	private static boolean structuredRunLog(VigilProperties properties, Environment environment) {
		Boolean structured = properties.getRunLog().getStructured();
		if (structured != null) {
			return structured;
		}
		return environment.containsProperty("logging.structured.format.console")
				|| environment.containsProperty("logging.structured.format.file");
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

	/**
	 * Claims Vigil's observations ahead of Boot's {@code DefaultMeterObservationHandler}, which would otherwise
	 * derive a second timer, a long-task timer and event counters from each of them: their meters are recorded once,
	 * by Vigil's telemetry.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	VigilMeterObservationHandler vigilMeterObservationHandler() {
		return new VigilMeterObservationHandler();
	}

}
