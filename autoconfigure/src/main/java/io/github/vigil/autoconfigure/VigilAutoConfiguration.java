package io.github.vigil.autoconfigure;

import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunSink;
import io.github.vigil.tool.ToolResultClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;

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
@EnableConfigurationProperties({ VigilProperties.class, TracingProperties.class, ObservationsProperties.class,
		RunLogProperties.class, ConsoleProperties.class, McpProperties.class })
@Import({ VigilInstanceConfiguration.class, VigilTelemetryConfiguration.class, VigilRunLogConfiguration.class,
		VigilGuardsConfiguration.class, VigilCostConfiguration.class, VigilGroundingConfiguration.class,
		VigilAlertsConfiguration.class, VigilStoreConfiguration.class, VigilEvalsConfiguration.class,
		VigilRetrievalConfiguration.class, VigilGuardrailsConfiguration.class })
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

	/**
	 * The names the conventions give meters and spans ({@code vigil.observations.conventions}), which the telemetry
	 * and the cost meter use, and whether MCP tools name their server ({@code vigil.mcp.*}), a kernel setting.
	 */
	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilNamingCustomizer(ObservationsProperties observations, McpProperties mcp) {
		return (builder) -> builder.conventions(observations.getConventions()).mcpServers(mcp.isEnabled());
	}

	/**
	 * The application's Vigil: the kernel's settings here ({@code vigil.run.*}, the meter registry, the
	 * application's sinks, middleware and tool-result classifiers), each capability's from its own configuration's
	 * {@link VigilBuilderCustomizer}, then the application's customizers.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Vigil vigil(VigilProperties properties, ObjectProvider<MeterRegistry> meterRegistry,
			ObjectProvider<RunSink> sinks, ObjectProvider<RunMiddleware> middleware,
			ObjectProvider<ToolResultClassifier> classifiers, ObjectProvider<VigilBuilderCustomizer> customizers) {
		Vigil.Builder builder = Vigil.builder(meterRegistry.getIfAvailable(CompositeMeterRegistry::new))
			.userIdKey(properties.getRun().getUserIdKey())
			.runIdKey(properties.getRun().getRunIdKey())
			.abandonAfter(properties.getRun().getAbandonAfter());
		properties.getRun()
			.getPrompts()
			.forEach((agent, prompt) -> builder.promptVersion(agent, prompt.getName(), prompt.getVersion()));
		sinks.orderedStream().forEach(builder::sink);
		middleware.orderedStream().filter((bean) -> !(bean instanceof RunSink)).forEach(builder::middleware);
		classifiers.orderedStream().forEach(builder::toolResultClassifier);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build().installAsDefault().startAlerts();
	}

	/** The path of the {@code vigil} Actuator endpoint, under the management base path. */
	static String endpointPath(Environment environment) {
		String base = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String mapped = environment.getProperty("management.endpoints.web.path-mapping.vigil", "vigil");
		return (base.endsWith("/") ? base : base + "/") + mapped;
	}

	@Bean
	static ObservedModelsPostProcessor vigilObservedModelsPostProcessor(ObjectProvider<Vigil> vigil) {
		return new ObservedModelsPostProcessor(vigil);
	}

}
