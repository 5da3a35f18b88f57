package io.github.vigil;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.alert.AlertListener;
import io.github.vigil.alert.AlertPolicy;
import io.github.vigil.cost.ModelPrices;
import io.github.vigil.cost.PriceTable;
import io.github.vigil.eval.EvalPolicy;
import io.github.vigil.eval.Evals;
import io.github.vigil.eval.OnlineScoring;
import io.github.vigil.eval.Scorer;
import io.github.vigil.grounding.HallucinationCheck;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.grounding.KnowledgeBase;
import io.github.vigil.grounding.ReviewSink;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.guardrail.GuardrailPolicy;
import io.github.vigil.internal.ObservedChatModel;
import io.github.vigil.internal.ObservedModel;
import io.github.vigil.internal.ObservedStreamingChatModel;
import io.github.vigil.internal.Pipeline;
import io.github.vigil.metrics.Conventions;
import io.github.vigil.observation.ModelCallObservationConvention;
import io.github.vigil.observation.RunObservationConvention;
import io.github.vigil.observation.ToolCallObservationConvention;
import io.github.vigil.retrieval.RetrievalPolicy;
import io.github.vigil.run.Capabilities;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunSink;
import io.github.vigil.run.Steps;
import io.github.vigil.run.Workflows;
import io.github.vigil.store.MemoryRunStore;
import io.github.vigil.store.ReplayPolicy;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.StorePolicy;
import io.github.vigil.store.Triage;
import io.github.vigil.tool.ToolOutcomes;
import io.github.vigil.tool.ToolResultClassifier;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Vigil for one application: it observes chat models and the AI services that use them, and passes every run and
 * every step in it (model call, tool call) through one pipeline of {@linkplain RunMiddleware middleware}:
 * telemetry, the guards, the hallucination check, the alert windows, the run log, and the application's own.
 * <p>
 * Plain Java, two lines:
 * <pre>{@code
 * Vigil vigil = Vigil.builder(meterRegistry).build();
 * SupportAgent agent = AiServices.builder(SupportAgent.class).chatModel(vigil.observe(model)).tools(tools).build();
 * }</pre>
 * An AI service built with an observed model reports to that model's Vigil. To cover AI services whose models are
 * not observed, {@linkplain #installAsDefault() install} one Vigil as the default; the Spring Boot starter does.
 * <p>
 * The pipeline's order: the loop guard, the budget guard, the context-window guard, the application's middleware
 * (in the order added), the hallucination check, the alert windows, the run sinks (the run log first), and
 * telemetry, innermost, so that it times the model and the tool alone and records the request as it was sent. The
 * run store's recorder is a run sink, after the run log; replay's middleware sits after the application's; the cost
 * meter is innermost of all, so that a call is priced before the others hear of its response.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Vigil implements Capabilities, AutoCloseable {

	/** Default {@code InvocationParameters} key whose value is the run's user id. */
	public static final String DEFAULT_USER_ID_KEY = "userId";

	/** Default {@code InvocationParameters} key whose value, when present, is the run's id. */
	public static final String DEFAULT_RUN_ID_KEY = "runId";

	/** Default time a run may stay unfinished before it is ended as abandoned. */
	public static final Duration DEFAULT_ABANDON_AFTER = Duration.ofMinutes(10);

	/** Whether runs are written to the run log by default. */
	public static final boolean DEFAULT_RUN_LOG = true;

	/** Whether run-log events carry the run's fields as one structured key-value pair by default. */
	public static final boolean DEFAULT_RUN_LOG_STRUCTURED = false;

	/** Default length content is cut to in the run log. */
	public static final int DEFAULT_MAX_CONTENT_LENGTH = 500;

	/** Whether personal data is masked in the run log by default. */
	public static final boolean DEFAULT_REDACT_PII = true;

	/** Whether content goes on spans by default. */
	public static final boolean DEFAULT_INCLUDE_CONTENT_IN_TRACES = false;

	private static final AtomicReference<@Nullable Vigil> defaultInstance = new AtomicReference<>();

	private final Pipeline pipeline;

	private final MeterRegistry meterRegistry;

	private final ObservationRegistry observationRegistry;

	/** Whether the telemetry module is on the class path. */
	private final boolean telemetry;

	private final @Nullable ChatModel summarizer;

	/** The alerts module's part, {@code null} when it is left out. */
	private final @Nullable AlertsAssembly alerts;

	/** The store module's part, {@code null} when it is left out. */
	private final @Nullable StoreAssembly store;

	/** The evals module's part, {@code null} when it is left out. */
	private final @Nullable EvalsAssembly evals;

	/** The retrieval module's part, {@code null} when it is left out. */
	private final @Nullable RetrievalAssembly retrievals;

	/** Observes a moderation model: the guardrails module's, or nothing without it. */
	private final UnaryOperator<ModerationModel> moderationObserver;

	/** What the modules offer by type: triage, evals, online scoring, the alert evaluator, the hallucination check. */
	private final List<Object> capabilities = new ArrayList<>();

	private Vigil(Builder builder) {
		this.meterRegistry = builder.meterRegistry;
		this.observationRegistry = builder.observationRegistry;
		this.summarizer = builder.summarizer;
		InternalFailures failures = new InternalFailures(builder.meterRegistry);
		ContentRedactor redactor = new ContentRedactor(builder.maxContentLength, builder.redactPii);
		// each module below is optional: left out, its capability is gone and nothing else
		this.alerts = !Modules.ALERTS ? null : AlertsAssembly.assemble(builder.alertPolicy, builder.alertListeners,
				builder.clock, builder.meterRegistry, failures);
		AlertsAssembly alerting = (this.alerts != null && this.alerts.enabled()) ? this.alerts : null;
		RunMiddleware hallucinations = !Modules.GROUNDING ? null : GroundingAssembly.check(builder.hallucinationPolicy,
				builder.knowledgeBases, builder.reviewSinks, builder.meterRegistry, redactor);
		List<RunMiddleware> middleware = new ArrayList<>();
		RunLogAssembly runLog = Modules.RUN_LOG ? RunLogAssembly.assemble(redactor) : null;
		if (runLog != null) {
			middleware.add(runLog.guardLog());
		}
		// middleware the modules on the class path contribute (vigil-agentic's planner stop)
		ServiceLoader.load(RunMiddleware.class, Vigil.class.getClassLoader()).forEach(middleware::add);
		if (Modules.GUARDS) {
			middleware.addAll(GuardsAssembly.guards(builder.loopPolicy, builder.budgetPolicy,
					builder.contextWindowPolicy, builder.summarizer, builder.meterRegistry));
		}
		middleware.addAll(builder.middleware);
		this.store = Modules.STORE ? StoreAssembly.assemble(builder.storePolicy, builder.runStore) : null;
		if (this.store != null) {
			middleware.add(this.store.replayedRuns());
		}
		addIfPresent(middleware, hallucinations);
		addIfPresent(middleware, (alerting != null) ? alerting.windows() : null);
		if (builder.runLog && runLog != null) {
			middleware.add(runLog.runLog(builder.runLogStructured));
		}
		middleware.addAll(builder.sinks);
		// evals build on the store: without it there is nothing to score against or keep scores in
		this.evals = (!Modules.EVALS || this.store == null) ? null : EvalsAssembly.assemble(builder.evalPolicy,
				builder.scorers, this.store, builder.meterRegistry, builder.observationRegistry, redactor,
				builder.clock);
		if (this.evals != null) {
			addIfPresent(middleware, this.evals.scoring());
			if (alerting != null) {
				this.evals.alertOnResolutionDrops(alerting);
			}
		}
		AtomicReference<Pipeline> pipelineOf = new AtomicReference<>();
		if (this.store != null) {
			addIfPresent(middleware, this.store.recorder(builder.instance, builder.traceIds, builder.replayPolicy,
					builder.replayServices, pipelineOf::get, redactor, builder.meterRegistry, builder.clock));
			if (this.store.recording() && this.alerts != null) {
				this.alerts.triagePath(builder.triagePath);
			}
			if (this.evals != null) {
				this.evals.overStoredRuns(this.store, builder.clock);
			}
		}
		this.retrievals = Modules.RETRIEVAL ? RetrievalAssembly.assemble(builder.retrievalPolicy) : null;
		if (this.retrievals != null) {
			middleware.addAll(this.retrievals.middleware(builder.meterRegistry, builder.clock, alerting));
		}
		GuardrailsAssembly guardrails = !Modules.GUARDRAILS ? null
				: GuardrailsAssembly.assemble(() -> pipelineOf.get().steps(), failures);
		if (guardrails != null) {
			middleware.add(guardrails.middleware());
		}
		this.moderationObserver = (guardrails != null) ? guardrails.moderationObserver() : UnaryOperator.identity();
		this.telemetry = Modules.TELEMETRY;
		if (this.telemetry) {
			middleware.add(TelemetryAssembly.telemetry(builder.meterRegistry, builder.observationRegistry,
					builder.runConvention, builder.modelCallConvention, builder.toolCallConvention,
					builder.includeContent, builder.conventions));
		}
		// innermost of all: a call is priced before any other middleware hears its response
		if (Modules.COST) {
			middleware.add(CostAssembly.meter(builder.modelPrices, builder.meterRegistry, builder.conventions));
		}
		this.pipeline = new Pipeline(middleware, failures, new ToolOutcomes(builder.classifiers, failures),
				builder.userIdKey, builder.runIdKey, builder.abandonAfter, builder.version);
		pipelineOf.set(this.pipeline);
		if (this.retrievals != null) {
			this.retrievals.attach(this.pipeline.steps(), failures);
			if (this.store != null) {
				this.store.replayRetrievals(this.retrievals);
			}
		}
		this.pipeline.attachment().mcpServers(builder.mcpServers);
		builder.promptVersions
			.forEach((agent, named) -> this.pipeline.attachment().promptVersion(agent, named[0], named[1]));
		if (guardrails != null) {
			guardrails.attach(this.pipeline, builder.guardrailPolicy, builder.meterRegistry, failures, builder.clock,
					alerting);
		}
		if (this.alerts != null) {
			this.capabilities.add(this.alerts.evaluator());
		}
		addIfPresent(this.capabilities, hallucinations);
		if (this.store != null) {
			this.capabilities.addAll(this.store.capabilities());
		}
		if (this.evals != null) {
			this.capabilities.addAll(this.evals.capabilities());
		}
	}

	private static <T> void addIfPresent(List<T> list, @Nullable T item) {
		if (item != null) {
			list.add(item);
		}
	}

	static String defaultInstanceName() {
		String host;
		try {
			host = java.net.InetAddress.getLocalHost().getHostName();
		}
		catch (java.io.IOException | RuntimeException ex) {
			host = "localhost";
		}
		return host + ":" + ProcessHandle.current().pid();
	}

	/**
	 * Starts building a Vigil that records to the given registry.
	 * @param meterRegistry where metrics go
	 * @return a builder
	 */
	public static Builder builder(MeterRegistry meterRegistry) {
		return new Builder(meterRegistry);
	}

	/**
	 * Makes this Vigil the one that AI services report to when their chat model is not observed. The services'
	 * models are then observed on their first call.
	 * @return this Vigil
	 */
	public Vigil installAsDefault() {
		defaultInstance.set(this);
		this.pipeline.installAsDefault();
		return this;
	}

	/**
	 * Stops this Vigil being the one that AI services report to when their chat model is not observed, if it is:
	 * services whose models it has not observed yet are then not observed (services it already observes stay so).
	 * @return this Vigil
	 */
	public Vigil uninstallAsDefault() {
		defaultInstance.compareAndSet(this, null);
		this.pipeline.uninstall();
		return this;
	}

	/**
	 * Returns the installed default Vigil.
	 * @return the default, or {@code null} when none is installed
	 */
	public static @Nullable Vigil defaultInstance() {
		return defaultInstance.get();
	}

	/**
	 * Uninstalls this Vigil if it is the default and stops its alert evaluator, its scoring and its store's writer.
	 * Runs in flight still end normally.
	 */
	@Override
	public void close() {
		defaultInstance.compareAndSet(this, null);
		this.pipeline.uninstall();
		if (this.alerts != null) {
			this.alerts.close();
		}
		if (this.evals != null) {
			this.evals.close();
		}
		if (this.store != null) {
			this.store.close();
		}
	}

	/**
	 * Returns what a module offers, by type: {@code Triage}, {@code Evals}, {@code OnlineScoring},
	 * {@code AlertEvaluator}, {@code HallucinationCheck}. Each has a static {@code of(Capabilities)} that reads it,
	 * such as {@code Triage.of(vigil)}.
	 * @param type the capability's type
	 * @param <T> the type
	 * @return the capability, empty when its module is left out or turned off
	 */
	@Override
	public <T> Optional<T> capability(Class<T> type) {
		for (Object offered : this.capabilities) {
			if (type.isInstance(offered)) {
				return Optional.of(type.cast(offered));
			}
		}
		return Optional.empty();
	}

	/**
	 * Waits until every run ended so far is scored and its scores written: for reports and tests. Returns at once
	 * when online scoring is off.
	 * @param timeout how long to wait at most
	 * @return whether every run was scored in time
	 */
	public boolean flushScores(Duration timeout) {
		return this.evals == null || this.evals.flush(timeout);
	}

	/**
	 * Returns where a multi-agent framework's integration reports workflows, so that each workflow invocation is one
	 * run with its sub-agents nested in it ({@code vigil-agentic} does, for LangChain4j's agentic module).
	 * @return the workflows
	 */
	public Workflows workflows() {
		return this.pipeline.workflows();
	}

	/**
	 * Returns where the integrations of other kinds of step (retrievals, embedding calls, guardrail checks) report
	 * them, so each is a step of its run through the same middleware as model and tool calls.
	 * @return the steps
	 */
	public Steps steps() {
		return this.pipeline.steps();
	}

	/**
	 * Returns whether runs are stored.
	 * @return whether the run store is on
	 */
	public boolean storesRuns() {
		return this.store != null && this.store.recording();
	}

	/**
	 * Waits until every run ended so far is in the run store: for reports, tests and shutdown hooks. Returns at
	 * once when the store is off.
	 * @param timeout how long to wait at most
	 * @return whether every run was written in time
	 */
	public boolean flushRuns(Duration timeout) {
		return this.store == null || this.store.flush(timeout);
	}

	/**
	 * Starts evaluating the alert rules every {@code evaluation-interval} on a daemon thread, if alerts are on.
	 * @return this Vigil
	 */
	public Vigil startAlerts() {
		if (this.alerts != null) {
			this.alerts.start();
		}
		return this;
	}

	/**
	 * Returns the entries of an MCP request's {@code _meta} that carry the calling tool call's trace to the MCP
	 * server ({@code traceparent}, and {@code tracestate} when there is one), for LangChain4j's MCP client:
	 * {@code DefaultMcpClient.builder().metaSupplier((call) -> vigil.traceMeta())}. The request becomes a
	 * {@code tools/call {tool}} span under the tool call's. Empty when nothing traces.
	 * @return the entries, a new mutable map
	 */
	public Map<String, Object> traceMeta() {
		try {
			return this.telemetry ? new LinkedHashMap<>(TelemetryAssembly.mcpMeta(this.observationRegistry))
					: new LinkedHashMap<>();
		}
		catch (RuntimeException ex) {
			// instrumentation never breaks the user's call
			return new LinkedHashMap<>();
		}
	}

	/**
	 * Returns the registry metrics go to.
	 * @return the registry
	 */
	public MeterRegistry meterRegistry() {
		return this.meterRegistry;
	}

	/**
	 * Returns the model the context-window guard writes summaries with.
	 * @return the summarizer, or {@code null} for the run's own chat model
	 */
	public @Nullable ChatModel summarizer() {
		return this.summarizer;
	}

	/**
	 * Makes the AI services built with a model this Vigil does not wrap (a {@code final} class the starter leaves as
	 * it is) report to this Vigil rather than to the installed default. The model is held weakly.
	 * @param model a chat model or streaming chat model
	 * @return this Vigil
	 */
	public Vigil attach(Object model) {
		this.pipeline.attach(Objects.requireNonNull(model, "model must not be null"));
		return this;
	}

	/**
	 * Tells whether a model's calls go through this Vigil.
	 * @param model a chat model or streaming chat model
	 * @return whether this Vigil observes it
	 */
	public boolean observes(Object model) {
		return model instanceof ObservedModel observed && observed.pipeline() == this.pipeline;
	}

	/**
	 * Returns the pipeline's middleware, in order.
	 * @return the middleware
	 */
	public List<RunMiddleware> middleware() {
		return this.pipeline.middleware();
	}

	/**
	 * Returns the first middleware of the given type.
	 * @param type the type
	 * @param <T> the type
	 * @return the middleware, if the pipeline has one
	 */
	public <T extends RunMiddleware> Optional<T> middleware(Class<T> type) {
		return this.pipeline.middleware().stream().filter(type::isInstance).map(type::cast).findFirst();
	}

	/**
	 * Returns how many runs are in flight.
	 * @return the number of runs started and not yet ended
	 */
	public int activeRuns() {
		return this.pipeline.activeRuns();
	}

	/**
	 * Observes a chat model. Observing an already observed model returns it unchanged.
	 * @param model the model
	 * @return the observed model
	 */
	public ChatModel observe(ChatModel model) {
		Objects.requireNonNull(model, "model must not be null");
		return (model instanceof ObservedModel) ? model : new ObservedChatModel(model, this.pipeline);
	}

	/**
	 * Observes a streaming chat model. Observing an already observed model returns it unchanged.
	 * @param model the model
	 * @return the observed model
	 */
	public StreamingChatModel observe(StreamingChatModel model) {
		Objects.requireNonNull(model, "model must not be null");
		return (model instanceof ObservedModel) ? model : new ObservedStreamingChatModel(model, this.pipeline);
	}

	/**
	 * Observes a content retriever, named by its class: each retrieval is a step of the run it serves, with its
	 * results, scores, sources and outcome ({@code empty} and {@code below_threshold} included), and what it found
	 * backs the run's answers in the hallucination check.
	 * @param retriever the retriever
	 * @return a retriever that behaves as the given one
	 */
	public ContentRetriever observe(ContentRetriever retriever) {
		Objects.requireNonNull(retriever, "retriever must not be null");
		return (this.retrievals != null) ? this.retrievals.observe(retriever) : retriever;
	}

	/**
	 * Observes a content retriever under the given name ({@code gen_ai.data_source.id}).
	 * @param retriever the retriever
	 * @param name its bounded name, such as {@code policies}
	 * @return a retriever that behaves as the given one
	 */
	public ContentRetriever observe(ContentRetriever retriever, String name) {
		Objects.requireNonNull(retriever, "retriever must not be null");
		return (this.retrievals != null) ? this.retrievals.observe(retriever, name) : retriever;
	}

	/**
	 * Observes an embedding store's searches, named by its class; a search made by an observed retrieval is its
	 * child.
	 * @param store the store
	 * @param <T> what it embeds
	 * @return a store that behaves as the given one
	 */
	public <T> EmbeddingStore<T> observe(EmbeddingStore<T> store) {
		Objects.requireNonNull(store, "store must not be null");
		return (this.retrievals != null) ? this.retrievals.observe(store) : store;
	}

	/**
	 * Observes an embedding store's searches under the given name.
	 * @param store the store
	 * @param name its bounded name, such as {@code policies}
	 * @param <T> what it embeds
	 * @return a store that behaves as the given one
	 */
	public <T> EmbeddingStore<T> observe(EmbeddingStore<T> store, String name) {
		Objects.requireNonNull(store, "store must not be null");
		return (this.retrievals != null) ? this.retrievals.observe(store, name) : store;
	}

	/**
	 * Observes an embedding model's calls, with their token usage and cost.
	 * @param model the model
	 * @return a model that behaves as the given one
	 */
	public EmbeddingModel observe(EmbeddingModel model) {
		Objects.requireNonNull(model, "model must not be null");
		return (this.retrievals != null) ? this.retrievals.observe(model) : model;
	}

	/**
	 * Observes a moderation model: each check (an AI service's {@code @Moderate}, on LangChain4j's executor) is a
	 * step of the run it moderates, with its latency and whether it flagged, never the text.
	 * @param model the model
	 * @return a model that behaves as the given one
	 */
	public ModerationModel observe(ModerationModel model) {
		return this.moderationObserver.apply(Objects.requireNonNull(model, "model must not be null"));
	}

	/**
	 * Builds a {@link Vigil}.
	 */
	public static final class Builder {

		private final MeterRegistry meterRegistry;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private String userIdKey = DEFAULT_USER_ID_KEY;

		private String runIdKey = DEFAULT_RUN_ID_KEY;

		private boolean includeContent = DEFAULT_INCLUDE_CONTENT_IN_TRACES;

		private Conventions conventions = Conventions.LATEST;

		/** A {@code GuardrailPolicy}, or {@code null} for its defaults: typed loosely so the module may be left out. */
		private @Nullable Object guardrailPolicy;

		private boolean mcpServers = true;

		private final Map<String, @Nullable String[]> promptVersions = new LinkedHashMap<>();

		private boolean runLog = DEFAULT_RUN_LOG;

		private boolean runLogStructured = DEFAULT_RUN_LOG_STRUCTURED;

		private int maxContentLength = DEFAULT_MAX_CONTENT_LENGTH;

		private boolean redactPii = DEFAULT_REDACT_PII;

		private Duration abandonAfter = DEFAULT_ABANDON_AFTER;

		private final List<RunSink> sinks = new ArrayList<>();

		private final List<RunMiddleware> middleware = new ArrayList<>();

		private final List<ToolResultClassifier> classifiers = new ArrayList<>();

		/** A {@code LoopPolicy}, or {@code null} for its defaults: typed loosely so the module may be left out. */
		private @Nullable Object loopPolicy;

		/** A {@code BudgetPolicy}, or {@code null} for its defaults. */
		private @Nullable Object budgetPolicy;

		/** A {@code ContextWindowPolicy}, or {@code null} for its defaults. */
		private @Nullable Object contextWindowPolicy;

		private @Nullable ChatModel summarizer;

		/** A {@code HallucinationPolicy}, or {@code null} for its defaults: typed loosely so the module may be left out. */
		private @Nullable Object hallucinationPolicy;

		/** The {@code KnowledgeBase}s. */
		private final List<Object> knowledgeBases = new ArrayList<>();

		/** The {@code ReviewSink}s. */
		private final List<Object> reviewSinks = new ArrayList<>();

		/** An {@code AlertPolicy}, or {@code null} for its defaults. */
		private @Nullable Object alertPolicy;

		/** The {@code AlertListener}s. */
		private final List<Object> alertListeners = new ArrayList<>();

		private Clock clock = Clock.systemUTC();

		/** The {@code ModelPrices}, or {@code null} for the shipped price table. */
		private @Nullable Object modelPrices;

		/** A {@code StorePolicy}, or {@code null} for its defaults. */
		private @Nullable Object storePolicy;

		/** A {@code RetrievalPolicy}, or {@code null} for its defaults: typed loosely so the module may be left out. */
		private @Nullable Object retrievalPolicy;

		/** The application's {@code RunStore}, or {@code null} for one in memory. */
		private @Nullable Object runStore;

		private @Nullable String instance;

		private Supplier<@Nullable String> version = () -> null;

		private Function<Run, @Nullable String> traceIds = (run) -> null;

		/** A {@code ReplayPolicy}, or {@code null} for replay off. */
		private @Nullable Object replayPolicy;

		private Function<Class<?>, @Nullable Object> replayServices = (type) -> null;

		private @Nullable String triagePath;

		/** An {@code EvalPolicy}, or {@code null} for its defaults. */
		private @Nullable Object evalPolicy;

		/** The {@code Scorer}s, or {@code null} for the defaults until one is set or added. */
		private @Nullable List<Object> scorers;

		private @Nullable RunObservationConvention runConvention;

		private @Nullable ModelCallObservationConvention modelCallConvention;

		private @Nullable ToolCallObservationConvention toolCallConvention;

		private Builder(MeterRegistry meterRegistry) {
			this.meterRegistry = Objects.requireNonNull(meterRegistry, "meterRegistry must not be null");
		}

		/**
		 * Sets the observation registry, for traces. Default: none.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry);
			return this;
		}

		/**
		 * Sets the {@code InvocationParameters} key whose value is the run's user id. Default: {@code userId}.
		 * @param userIdKey the key
		 * @return this builder
		 */
		public Builder userIdKey(String userIdKey) {
			this.userIdKey = Objects.requireNonNull(userIdKey);
			return this;
		}

		/**
		 * Sets the {@code InvocationParameters} key whose value, when present, is the run's id in the run log and
		 * on spans, so an application can return it to its caller. Default: {@code runId}; without it, the run id
		 * is LangChain4j's invocation id.
		 * @param runIdKey the key
		 * @return this builder
		 */
		public Builder runIdKey(String runIdKey) {
			this.runIdKey = Objects.requireNonNull(runIdKey);
			return this;
		}

		/**
		 * Sets how the application's LangChain4j guardrails are recorded. Default: each is a step of its run, and its
		 * block rate is judged from 20 decisions in 15 minutes.
		 * @param guardrailPolicy the policy
		 * @return this builder
		 */
		public Builder guardrailPolicy(GuardrailPolicy guardrailPolicy) {
			this.guardrailPolicy = Objects.requireNonNull(guardrailPolicy, "guardrailPolicy");
			return this;
		}

		/**
		 * Names an agent's prompt and its version, over what its {@code @SystemMessage} tells (the resource's base
		 * name, the hash of the template): for a prompt kept in a registry or a database, or a version people know by
		 * name. Runs, triage and evals split by it.
		 * @param agent the AI-service interface's simple name
		 * @param name the prompt's name, {@code null} to keep the resource's
		 * @param version its version, {@code null} to keep the hash
		 * @return this builder
		 */
		public Builder promptVersion(String agent, @Nullable String name, @Nullable String version) {
			this.promptVersions.put(Objects.requireNonNull(agent, "agent"), new @Nullable String[] { name, version });
			return this;
		}

		/**
		 * Sets whether a tool call of LangChain4j's MCP client names the MCP server that served it (run log
		 * {@code server}, span and meter tag {@code vigil.mcp.server}, triage per server). Default: {@code true}.
		 * @param named whether it does
		 * @return this builder
		 */
		public Builder mcpServers(boolean named) {
			this.mcpServers = named;
			return this;
		}

		/**
		 * Sets which names of the GenAI semantic conventions meters and spans use where a name changed: the current
		 * ones ({@link Conventions#LATEST}, the default), or the previous ones beside them
		 * ({@link Conventions#BOTH}) while dashboards move.
		 * @param conventions the names
		 * @return this builder
		 */
		public Builder conventions(Conventions conventions) {
			this.conventions = Objects.requireNonNull(conventions, "conventions");
			return this;
		}

		/**
		 * Sets whether prompts, answers, tool arguments and results go on spans. Default: {@code false}.
		 * @param includeContent whether content is traced
		 * @return this builder
		 */
		public Builder includeContentInTraces(boolean includeContent) {
			this.includeContent = includeContent;
			return this;
		}

		/**
		 * Sets whether runs are written to the {@code vigil.runs} logger. Default: {@code true}.
		 * @param enabled whether the run log is written
		 * @return this builder
		 */
		public Builder runLog(boolean enabled) {
			this.runLog = enabled;
			return this;
		}

		/**
		 * Sets whether each run-log event also carries the run's fields as one structured key-value pair,
		 * {@code run}, for structured logging (ECS, Logstash, GELF), which writes it as a JSON object. The message
		 * stays the one JSON line. Default: {@code false}.
		 * @param structured whether events carry the fields
		 * @return this builder
		 */
		public Builder runLogStructured(boolean structured) {
			this.runLogStructured = structured;
			return this;
		}

		/**
		 * Sets the length content is cut to in the run log. Default: 500.
		 * @param maxContentLength maximum characters
		 * @return this builder
		 */
		public Builder maxContentLength(int maxContentLength) {
			if (maxContentLength < 0) {
				throw new IllegalArgumentException("maxContentLength must not be negative, was " + maxContentLength);
			}
			this.maxContentLength = maxContentLength;
			return this;
		}

		/**
		 * Sets whether e-mail addresses, phone numbers and card numbers are masked in the run log. Default:
		 * {@code true}.
		 * @param redactPii whether to redact
		 * @return this builder
		 */
		public Builder redactPii(boolean redactPii) {
			this.redactPii = redactPii;
			return this;
		}

		/**
		 * Sets how long a run may stay unfinished (a token stream never started) before it is ended as
		 * {@code abandoned}. Default: 10 minutes.
		 * @param abandonAfter the time
		 * @return this builder
		 */
		public Builder abandonAfter(Duration abandonAfter) {
			if (abandonAfter.isNegative() || abandonAfter.isZero()) {
				throw new IllegalArgumentException("abandonAfter must be positive, was " + abandonAfter);
			}
			this.abandonAfter = abandonAfter;
			return this;
		}

		/**
		 * Adds a sink that receives every finished run.
		 * @param sink the sink
		 * @return this builder
		 */
		public Builder sink(RunSink sink) {
			this.sinks.add(Objects.requireNonNull(sink));
			return this;
		}

		/**
		 * Adds a middleware, after the built-in guards and before the hallucination check; middleware added
		 * earlier wrap those added later.
		 * @param middleware the middleware
		 * @return this builder
		 */
		public Builder middleware(RunMiddleware middleware) {
			this.middleware.add(Objects.requireNonNull(middleware));
			return this;
		}

		/**
		 * Adds a tool-result rule, consulted before the built-in ones.
		 * @param classifier the rule
		 * @return this builder
		 */
		public Builder toolResultClassifier(ToolResultClassifier classifier) {
			this.classifiers.add(Objects.requireNonNull(classifier));
			return this;
		}

		/**
		 * Sets the loop kill-switch policy. Default: {@link LoopPolicy#defaults()}.
		 * @param loopPolicy the policy
		 * @return this builder
		 */
		public Builder loopPolicy(LoopPolicy loopPolicy) {
			this.loopPolicy = Objects.requireNonNull(loopPolicy);
			return this;
		}

		/**
		 * Sets the run budgets. Default: {@link BudgetPolicy#defaults()}.
		 * @param budgetPolicy the policy
		 * @return this builder
		 */
		public Builder budgetPolicy(BudgetPolicy budgetPolicy) {
			this.budgetPolicy = Objects.requireNonNull(budgetPolicy);
			return this;
		}

		/**
		 * Sets the context-window guard's policy. Default: {@link ContextWindowPolicy#defaults()}.
		 * @param contextWindowPolicy the policy
		 * @return this builder
		 */
		public Builder contextWindowPolicy(ContextWindowPolicy contextWindowPolicy) {
			this.contextWindowPolicy = Objects.requireNonNull(contextWindowPolicy);
			return this;
		}

		/**
		 * Sets the model the context-window guard writes summaries with. Default: the run's own chat model.
		 * @param summarizer the model
		 * @return this builder
		 */
		public Builder summarizer(@Nullable ChatModel summarizer) {
			this.summarizer = summarizer;
			return this;
		}

		/**
		 * Sets the hallucination proxy's policy. Default: {@link HallucinationPolicy#defaults()}.
		 * @param hallucinationPolicy the policy
		 * @return this builder
		 */
		public Builder hallucinationPolicy(HallucinationPolicy hallucinationPolicy) {
			this.hallucinationPolicy = Objects.requireNonNull(hallucinationPolicy);
			return this;
		}

		/**
		 * Adds a knowledge base answers are checked against; several combine.
		 * @param knowledgeBase the knowledge base
		 * @return this builder
		 */
		public Builder knowledgeBase(KnowledgeBase knowledgeBase) {
			this.knowledgeBases.add(Objects.requireNonNull(knowledgeBase));
			return this;
		}

		/**
		 * Adds a sink for flagged answers, besides the built-in review queue.
		 * @param reviewSink the sink
		 * @return this builder
		 */
		public Builder reviewSink(ReviewSink reviewSink) {
			this.reviewSinks.add(Objects.requireNonNull(reviewSink));
			return this;
		}

		/**
		 * Sets the in-process alert rules. Default: {@link AlertPolicy#defaults()}. The evaluator runs once
		 * {@link Vigil#startAlerts()} is called.
		 * @param alertPolicy the rules
		 * @return this builder
		 */
		public Builder alertPolicy(AlertPolicy alertPolicy) {
			this.alertPolicy = Objects.requireNonNull(alertPolicy);
			return this;
		}

		/**
		 * Adds a listener told of every alert transition.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder alertListener(AlertListener listener) {
			this.alertListeners.add(Objects.requireNonNull(listener));
			return this;
		}

		/**
		 * Sets the clock alert windows are kept by. Default: the system clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock);
			return this;
		}

		/**
		 * Sets custom observation conventions; {@code null} keeps the default.
		 * @param run for runs
		 * @param modelCall for model calls
		 * @param toolCall for tool calls
		 * @return this builder
		 */
		public Builder observationConventions(@Nullable RunObservationConvention run,
				@Nullable ModelCallObservationConvention modelCall, @Nullable ToolCallObservationConvention toolCall) {
			this.runConvention = run;
			this.modelCallConvention = modelCall;
			this.toolCallConvention = toolCall;
			return this;
		}

		/**
		 * Sets the prices model calls are costed by; {@link PriceTable#defaults()} by default.
		 * @param modelPrices the prices
		 * @return this builder
		 */
		public Builder modelPrices(ModelPrices modelPrices) {
			this.modelPrices = Objects.requireNonNull(modelPrices, "modelPrices must not be null");
			return this;
		}

		/**
		 * Sets how retrievals are observed.
		 * @param retrievalPolicy the policy
		 * @return this builder
		 */
		public Builder retrievalPolicy(RetrievalPolicy retrievalPolicy) {
			this.retrievalPolicy = Objects.requireNonNull(retrievalPolicy, "retrievalPolicy must not be null");
			return this;
		}

		/**
		 * Sets how the run store keeps runs; {@link StorePolicy#disabled()} turns it off.
		 * @param storePolicy the policy
		 * @return this builder
		 */
		public Builder storePolicy(StorePolicy storePolicy) {
			this.storePolicy = Objects.requireNonNull(storePolicy, "storePolicy must not be null");
			return this;
		}

		/**
		 * Sets where runs are stored, instead of the embedded {@link MemoryRunStore}: a
		 * {@link io.github.vigil.store.jdbc.JdbcRunStore} that instances share, or a store of the application's.
		 * @param runStore the store
		 * @return this builder
		 */
		public Builder runStore(RunStore runStore) {
			this.runStore = Objects.requireNonNull(runStore, "runStore must not be null");
			return this;
		}

		/**
		 * Sets the application's version, recorded on every run (the run log's {@code version}, the store), so that
		 * triage can tell which version a failure began with.
		 * @param version the version, {@code null} when not known
		 * @return this builder
		 */
		public Builder version(@Nullable String version) {
			String known = (version != null && !version.isBlank()) ? version : null;
			this.version = () -> known;
			return this;
		}

		/**
		 * Sets where each run's version comes from, asked as the run ends: for an application that changes what it
		 * serves without restarting (a prompt or configuration released at run time). A supplier that throws or
		 * answers blank leaves the run's version unknown; it must be quick, it is asked on the user's thread.
		 * @param version the version's source
		 * @return this builder
		 */
		public Builder version(Supplier<@Nullable String> version) {
			this.version = Objects.requireNonNull(version, "version must not be null");
			return this;
		}

		/**
		 * Names this application instance in stored runs; by default the host name and process id.
		 * @param instance the name
		 * @return this builder
		 */
		public Builder instance(String instance) {
			this.instance = Objects.requireNonNull(instance, "instance must not be null");
			return this;
		}

		/**
		 * Sets how a run's trace id is found, for the run store to link runs to a tracing backend.
		 * @param traceIds the trace id of a run, {@code null} when it is not traced
		 * @return this builder
		 */
		public Builder traceIds(Function<Run, @Nullable String> traceIds) {
			this.traceIds = Objects.requireNonNull(traceIds, "traceIds must not be null");
			return this;
		}

		/**
		 * Sets what replay may do; off by default.
		 * @param replayPolicy the policy
		 * @return this builder
		 */
		public Builder replayPolicy(ReplayPolicy replayPolicy) {
			this.replayPolicy = Objects.requireNonNull(replayPolicy, "replayPolicy must not be null");
			return this;
		}

		/**
		 * Sets how run replay finds the AI service of an interface (a container's lookup); services can also be
		 * registered with {@link Triage#replayTarget(Class, Object)}.
		 * @param services the service of an interface, {@code null} when there is none
		 * @return this builder
		 */
		public Builder replayServices(Function<Class<?>, @Nullable Object> services) {
			this.replayServices = Objects.requireNonNull(services, "services must not be null");
			return this;
		}

		/**
		 * Sets where a tool's triage summary is served, so that tool-error-rate alerts link to it.
		 * @param template the path with {@code {tool}} for the tool, such as {@code /actuator/vigil/tools/{tool}}
		 * @return this builder
		 */
		public Builder triagePath(@Nullable String template) {
			this.triagePath = template;
			return this;
		}

		/**
		 * Sets how production runs are scored online; {@code EvalPolicy.defaults().withEnabled(false)} turns it off.
		 * @param evalPolicy the policy
		 * @return this builder
		 */
		public Builder evalPolicy(EvalPolicy evalPolicy) {
			this.evalPolicy = Objects.requireNonNull(evalPolicy, "evalPolicy must not be null");
			return this;
		}

		/**
		 * Sets the scorers every finished run goes through, replacing the defaults: {@link Scorer#resolution()},
		 * {@link Scorer#toolSuccess()}, {@link Scorer#grounded()}, {@link Scorer#notKilled()},
		 * {@link Scorer#groundedInRetrieval()} and {@link Scorer#parsed()}.
		 * @param scorers the scorers
		 * @return this builder
		 */
		public Builder scorers(List<Scorer> scorers) {
			this.scorers = new ArrayList<>(scorers);
			return this;
		}

		/**
		 * Adds a scorer to the ones every finished run goes through.
		 * @param scorer the scorer
		 * @return this builder
		 */
		public Builder scorer(Scorer scorer) {
			Objects.requireNonNull(scorer, "scorer must not be null");
			if (this.scorers == null) {
				this.scorers = EvalsAssembly.defaultScorers();
			}
			this.scorers.add(scorer);
			return this;
		}

		/**
		 * Builds the Vigil.
		 * @return the Vigil
		 */
		public Vigil build() {
			return new Vigil(this);
		}

	}

}
