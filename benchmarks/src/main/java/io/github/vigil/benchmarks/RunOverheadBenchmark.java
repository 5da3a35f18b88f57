package io.github.vigil.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.TraceContext;
import brave.sampler.Sampler;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.Vigil;
import io.github.vigil.eval.EvalPolicy;
import io.github.vigil.eval.Score;
import io.github.vigil.eval.ScoredRun;
import io.github.vigil.eval.Scorer;
import io.github.vigil.alert.AlertPolicy;
import io.github.vigil.grounding.HallucinationAction;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.ContextAction;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.observation.VigilMeterObservationHandler;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.GuardAction;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.StorePolicy;
import io.github.vigil.store.StoredRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time and allocation Vigil adds to a run of an AI service, in the set-up users run: one user message, a model
 * call that asks for {@code toolCalls} tools (each a different tool), the tool calls, and a model call that answers
 * ({@code toolCalls + 2} steps), against an in-memory chat model.
 * <ul>
 * <li>{@code bare}: LangChain4j alone, built on LangChain4j's own service context, so Vigil takes no part.</li>
 * <li>{@code telemetryOnly}: Vigil's metrics (the cost meter's among them) and run tracking, without an observation
 * registry; guards, the hallucination check, alerts and the run store off.</li>
 * <li>{@code defaults}: every default on (telemetry, loop guard, budgets and token baseline, context-window guard,
 * hallucination check, alert windows, the run-log line formatted, the embedded run store, online scoring with the
 * four deterministic scorers), with a Prometheus meter registry and an
 * {@link ObservationRegistry} configured as Spring Boot configures it with Actuator: the meter handlers in one
 * first-matching group (Vigil's, then Micrometer's {@link DefaultMeterObservationHandler}).</li>
 * <li>{@code defaultsWithoutStore}: {@code defaults} with the run store off; the difference is what recording a
 * run's steps and handing the run to the store's writer costs the user's thread.</li>
 * <li>{@code defaultsStoreHandoff}: {@code defaults} with the store's writer stuck and a queue of one, so each run
 * is recorded and offered and dropped: the user's thread's share of the store alone, with no background work.</li>
 * <li>{@code defaultsWithoutScoring}: {@code defaults} with online scoring off; the difference is what scoring costs,
 * the user's thread's handoff and the scoring thread's work on the same cores.</li>
 * <li>{@code defaultsScoringHandoff}: {@code defaults} with the scorer stuck and a queue of one, so each run is
 * handed over and dropped: the user's thread's share of scoring alone.</li>
 * <li>{@code defaultsTraced}: {@code defaults} and Boot's tracing handlers over a Brave tracer that samples every
 * span and drops it when it ends.</li>
 * </ul>
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.vigil.benchmarks.InterleavedRounds
 * java -jar benchmarks/target/benchmarks.jar RunOverheadBenchmark -prof gc
 * </pre>
 *
 * The first interleaves the variants' forks, which a shared machine's drift calls for; see {@link InterleavedRounds}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RunOverheadBenchmark {

	/** Tool calls per run; a run has two model calls besides. */
	@Param({ "1", "10", "20" })
	public int toolCalls;

	private Agent bare;

	private Agent telemetryOnly;

	private Agent defaults;

	private Agent defaultsTraced;

	private Agent defaultsWithoutStore;

	private Agent defaultsStoreHandoff;

	private Agent defaultsWithoutScoring;

	private Agent defaultsScoringHandoff;

	private final CountDownLatch never = new CountDownLatch(1);

	private final List<Vigil> vigils = new ArrayList<>();

	private Tracing tracing;

	@Setup(Level.Trial)
	public void setUp() {
		InMemoryModel model = new InMemoryModel(this.toolCalls);
		Map<ToolSpecification, ToolExecutor> tools = tools(this.toolCalls);
		AiServices<Agent> bareBuilder = AiServices.builder(new AiServiceContext(Agent.class) {
		});
		this.bare = bareBuilder.chatModel(model).tools(tools).build();

		Vigil telemetry = track(Vigil.builder(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))
			.runLog(false)
			.storePolicy(StorePolicy.defaults().disabled())
			.evalPolicy(EvalPolicy.defaults().withEnabled(false))
			.loopPolicy(new LoopPolicy(false, 3, Map.of(), 3, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE))
			.budgetPolicy(new BudgetPolicy(1_000, 1_000, 0, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE, 50, 1000, 3.0,
					GuardAction.WARN))
			.contextWindowPolicy(new ContextWindowPolicy(false, 0.8, Map.of(), 32_768, ContextAction.SUMMARIZE, 6))
			.hallucinationPolicy(new HallucinationPolicy(false, HallucinationAction.FLAG, "", 0))
			.alertPolicy(new AlertPolicy(false, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15),
					0.05, 0.15, 20, 2.0, Duration.ofHours(1), 10.0, 50, null))
			.build());
		this.telemetryOnly = AiServices.builder(Agent.class).chatModel(telemetry.observe(model)).tools(tools).build();

		this.defaults = AiServices.builder(Agent.class)
			.chatModel(withDefaults(false).observe(model))
			.tools(tools)
			.build();
		this.defaultsTraced = AiServices.builder(Agent.class)
			.chatModel(withDefaults(true).observe(model))
			.tools(tools)
			.build();
		this.defaultsWithoutStore = AiServices.builder(Agent.class)
			.chatModel(withDefaults(false, StorePolicy.defaults().disabled()).observe(model))
			.tools(tools)
			.build();
		// the store's writer stuck in its first write and a queue of one: every later run is recorded and offered,
		// and dropped; what remains is the user's thread's share alone, without the writer competing for the CPU
		StorePolicy one = new StorePolicy(true, StorePolicy.DEFAULT_RETENTION, 1000, 1.0, 1, false);
		this.defaultsStoreHandoff = AiServices.builder(Agent.class)
			.chatModel(withDefaults(false, one, new StuckStore(this.never)).observe(model))
			.tools(tools)
			.build();
		this.defaultsWithoutScoring = AiServices.builder(Agent.class)
			.chatModel(withDefaults(false, StorePolicy.defaults(), null, EvalPolicy.defaults().withEnabled(false), null)
				.observe(model))
			.tools(tools)
			.build();
		// the scorer stuck on its first run and a queue of one: every later run is handed over and dropped
		Scorer stuck = new StuckScorer(this.never);
		this.defaultsScoringHandoff = AiServices.builder(Agent.class)
			.chatModel(withDefaults(false, StorePolicy.defaults(), null,
					new EvalPolicy(true, 1.0, java.util.Set.of(), java.util.Set.of(), 1, 1, 5, 50), stuck)
				.observe(model))
			.tools(tools)
			.build();
	}

	/**
	 * Every default, in the registries a Boot application with Actuator has; the run log formats each line, as it
	 * does when its logger is on.
	 */
	private Vigil withDefaults(boolean traced) {
		return withDefaults(traced, StorePolicy.defaults());
	}

	private Vigil withDefaults(boolean traced, StorePolicy store) {
		return withDefaults(traced, store, null);
	}

	private Vigil withDefaults(boolean traced, StorePolicy store, RunStore runStore) {
		return withDefaults(traced, store, runStore, EvalPolicy.defaults(), null);
	}

	private Vigil withDefaults(boolean traced, StorePolicy store, RunStore runStore, EvalPolicy evals,
			Scorer scorer) {
		MeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new VigilMeterObservationHandler(), new DefaultMeterObservationHandler(meters)));
		if (traced) {
			this.tracing = Tracing.newBuilder().sampler(Sampler.ALWAYS_SAMPLE).addSpanHandler(new SpanHandler() {
				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					return true;
				}
			}).build();
			Tracer tracer = new BraveTracer(this.tracing.tracer(),
					new BraveCurrentTraceContext(this.tracing.currentTraceContext()), new BraveBaggageManager());
			BravePropagator propagator = new BravePropagator(this.tracing);
			observations.observationConfig()
				.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
						new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
						new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
						new DefaultTracingObservationHandler(tracer)));
		}
		JsonRunLog runLog = new JsonRunLog(new ContentRedactor(500, true));
		Vigil.Builder builder = Vigil.builder(meters)
			.observationRegistry(observations)
			.runLog(false)
			.storePolicy(store)
			.sink((run) -> LineHolder.line = runLog.format(run));
		if (runStore != null) {
			builder.runStore(runStore);
		}
		builder.evalPolicy(evals);
		if (scorer != null) {
			builder.scorers(List.of(scorer));
		}
		return track(builder.build());
	}

	private Vigil track(Vigil vigil) {
		this.vigils.add(vigil);
		return vigil;
	}

	@TearDown(Level.Trial)
	public void nothingIsRetained() {
		this.never.countDown();
		for (Vigil vigil : this.vigils) {
			if (vigil.activeRuns() != 0) {
				throw new IllegalStateException("runs retained after they finished");
			}
			vigil.close();
		}
		if (this.tracing != null) {
			this.tracing.close();
		}
	}

	@Benchmark
	public String bare() {
		return this.bare.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String telemetryOnly() {
		return this.telemetryOnly.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String defaults() {
		return this.defaults.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String defaultsWithoutStore() {
		return this.defaultsWithoutStore.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String defaultsStoreHandoff() {
		return this.defaultsStoreHandoff.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String defaultsWithoutScoring() {
		return this.defaultsWithoutScoring.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String defaultsScoringHandoff() {
		return this.defaultsScoringHandoff.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String defaultsTraced() {
		return this.defaultsTraced.chat("Where is order ORD-10042?");
	}

	/** The AI service under test. */
	public interface Agent {

		String chat(String message);

	}

	/** A scorer that waits until released: the benchmark's stand-in for scoring that never keeps up. */
	static final class StuckScorer implements Scorer {

		private final CountDownLatch release;

		StuckScorer(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public String name() {
			return "stuck";
		}

		@Override
		public Score score(ScoredRun run) throws InterruptedException {
			this.release.await();
			return new Score(1, null, null);
		}

	}

	/** A store whose writes wait until released: the benchmark's stand-in for a store that never keeps up. */
	static final class StuckStore implements RunStore {

		private final CountDownLatch release;

		StuckStore(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public void write(List<StoredRun> runs) {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public java.util.Optional<StoredRun> run(String runId) {
			return java.util.Optional.empty();
		}

		@Override
		public List<StoredRun> runsOfUser(String userId, int limit) {
			return List.of();
		}

		@Override
		public List<StoredRun> recentRuns(int limit) {
			return List.of();
		}

		@Override
		public List<io.github.vigil.store.ToolFailure> failures(io.github.vigil.store.FailureQuery query) {
			return List.of();
		}

		@Override
		public List<io.github.vigil.store.ToolCallCounts> toolCalls(String tool, java.time.Instant from,
				java.time.Instant until, Duration slice) {
			return List.of();
		}

		@Override
		public List<io.github.vigil.store.ErrorTypeCount> errorTypes(String tool, java.time.Instant from,
				java.time.Instant until) {
			return List.of();
		}

		@Override
		public io.github.vigil.store.AffectedUsers affectedUsers(String tool, java.time.Instant from,
				java.time.Instant until) {
			return io.github.vigil.store.AffectedUsers.NONE;
		}

		@Override
		public long expire(java.time.Instant startedBefore, long maxRuns) {
			return 0;
		}

		@Override
		public long count() {
			return 0;
		}

	}

	/** Holds the last formatted line so the work cannot be optimised away. */
	static final class LineHolder {

		static volatile String line;

	}

	/** {@code count} tools, {@code lookupOrder1} and so on, each answering with a small JSON document. */
	static Map<ToolSpecification, ToolExecutor> tools(int count) {
		Map<ToolSpecification, ToolExecutor> tools = new LinkedHashMap<>();
		for (int i = 1; i <= count; i++) {
			tools.put(ToolSpecification.builder()
				.name("lookupOrder" + i)
				.description("Looks up an order")
				.parameters(JsonObjectSchema.builder().addStringProperty("id").required("id").build())
				.build(), (request, memoryId) -> "{\"id\":\"ORD-10042\",\"status\":\"shipped\"}");
		}
		return tools;
	}

	/**
	 * A chat model that asks for every tool once, then answers. Token usage varies from call to call, as it does with
	 * a real model, so the learned token baseline does real work.
	 */
	static final class InMemoryModel implements ChatModel {

		private final List<ToolExecutionRequest> requests = new ArrayList<>();

		private int calls;

		InMemoryModel(int toolCalls) {
			for (int i = 1; i <= toolCalls; i++) {
				this.requests.add(ToolExecutionRequest.builder()
					.id("call_" + i)
					.name("lookupOrder" + i)
					.arguments("{\"id\":\"ORD-10042\"}")
					.build());
			}
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			boolean answered = messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage;
			int call = this.calls++;
			return ChatResponse.builder()
				.aiMessage(answered ? AiMessage.from("It shipped.") : AiMessage.from(this.requests))
				.tokenUsage(new TokenUsage(100 + Math.floorMod(call * 7919, 400), 10 + Math.floorMod(call * 31, 40)))
				.modelName("in-memory-1")
				.build();
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return ChatRequestParameters.builder().modelName("in-memory").build();
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

}
