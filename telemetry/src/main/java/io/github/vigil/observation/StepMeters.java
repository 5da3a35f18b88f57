package io.github.vigil.observation;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.github.vigil.metrics.Conventions;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.distribution.HistogramSupport;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.core.instrument.util.DoubleFormat;
import org.jspecify.annotations.Nullable;

/**
 * Records the step and run meters. Meters are looked up once per distinct tag set and cached, so recording a step
 * costs a map lookup and the histogram update.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class StepMeters {

	private final ConcurrentMap<ParsingKey, Counter> parsingFailures = new ConcurrentHashMap<>();

	private final MeterRegistry registry;

	private final ConcurrentMap<ModelKey, Timer> modelTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<TokenKey, TokenMeters> tokenMeters = new ConcurrentHashMap<>();

	private final Conventions conventions;

	private final ConcurrentMap<ToolKey, Timer> toolTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<StepKey, Timer> stepTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<RunKey, Timer> runTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<RunKey, Timer> workflowTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<McpKey, Timer> mcpTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, DistributionSummary> runTokens = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, DistributionSummary> runToolCalls = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, DistributionSummary> inferenceCalls = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, DistributionSummary> agentToolCalls = new ConcurrentHashMap<>();

	private final ConcurrentMap<ModelKey, Timer> firstChunkTimers = new ConcurrentHashMap<>();

	private final ConcurrentMap<ModelKey, Timer> chunkTimers = new ConcurrentHashMap<>();

	/**
	 * Creates the recorder.
	 * @param registry where meters go
	 * @param conventions whether the previous conventions' names are recorded beside the current ones
	 */
	public StepMeters(MeterRegistry registry, Conventions conventions) {
		this.registry = registry;
		this.conventions = conventions;
	}

	/**
	 * Records one model call.
	 * @param operation operation name: {@code chat}, or {@code summarize} for the context-window guard's summaries
	 * @param agent agent name
	 * @param provider provider name
	 * @param requestModel model requested
	 * @param responseModel model that answered, or {@code unknown}
	 * @param errorType bounded error type, {@code none} on success
	 * @param nanos latency
	 * @param usage the tokens the provider reported; none are recorded unless {@link Usage#reported()}
	 */
	public void recordModelCall(String operation, String agent, String provider, String requestModel,
			String responseModel, String errorType, long nanos, Usage usage) {
		lookup(this.modelTimers, new ModelKey(operation, agent, provider, requestModel, errorType), this::modelTimer)
			.record(nanos, TimeUnit.NANOSECONDS);
		recordTokens(operation, agent, provider, requestModel, responseModel, usage);
	}

	/**
	 * Records the tokens of a model call, or of a step of another kind that called a model (an embedding call).
	 * @param operation the conventions' operation name: {@code chat}, {@code embeddings}, ...
	 * @param agent agent name
	 * @param provider provider name
	 * @param requestModel model requested
	 * @param responseModel model that answered, or {@code unknown}
	 * @param usage the tokens; none are recorded unless {@link Usage#reported()}
	 */
	public void recordTokens(String operation, String agent, String provider, String requestModel,
			String responseModel, Usage usage) {
		if (!usage.reported()) {
			return;
		}
		lookup(this.tokenMeters, new TokenKey(operation, agent, provider, requestModel, responseModel),
				(key) -> new TokenMeters(key, this.conventions.previous()))
			.record(usage);
	}

	/**
	 * Counts a run whose answer could not be parsed into its AI-service method's return type.
	 * @param agent agent name
	 * @param returnType the method's return type, as its simple name
	 */
	public void recordOutputParsingFailure(String agent, String returnType) {
		lookup(this.parsingFailures, new ParsingKey(agent, returnType), (key) -> Counter
			.builder(MeterNames.OUTPUT_PARSING_FAILURES)
			.description("Runs whose answer could not be parsed into the AI-service method's return type")
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag("return_type", key.returnType())
			.register(this.registry))
			.increment();
	}

	/**
	 * Records one tool call.
	 * @param tool tool name (bounded)
	 * @param agent agent name
	 * @param errorType bounded error type, {@code none} on success
	 * @param nanos latency
	 */
	public void recordToolCall(String tool, String agent, String errorType, long nanos) {
		String outcome = TagKeys.ERROR_NONE.equals(errorType) ? TagKeys.OUTCOME_SUCCESS : TagKeys.OUTCOME_ERROR;
		lookup(this.toolTimers, new ToolKey(tool, agent, outcome, errorType), this::toolTimer)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records one tool call served by an MCP server, per server: {@value MeterNames#MCP_CLIENT_DURATION}.
	 * @param server the server's key (bounded: the application's configured clients)
	 * @param tool tool name
	 * @param errorType bounded error type, {@code none} on success
	 * @param nanos latency
	 */
	public void recordMcpCall(String server, String tool, String errorType, long nanos) {
		lookup(this.mcpTimers, new McpKey(server, tool, errorType), (key) -> histogram(Timer
			.builder(MeterNames.MCP_CLIENT_DURATION)
			.description("Duration of the tool calls an MCP server answered, per server")
			.tag("mcp.method.name", McpCalls.TOOLS_CALL)
			.tag(TagKeys.TOOL_NAME, key.tool())
			.tag(TagKeys.MCP_SERVER, key.server())
			.tag(TagKeys.ERROR_TYPE, key.errorType()), Buckets.STEP_DURATION))
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records one step of another kind than a model or tool call.
	 * @param kind the step's kind
	 * @param name its bounded name
	 * @param agent agent name
	 * @param errorType bounded error type, {@code none} on success
	 * @param nanos latency
	 */
	public void recordStep(String kind, String name, String agent, String errorType, long nanos) {
		String outcome = TagKeys.ERROR_NONE.equals(errorType) ? TagKeys.OUTCOME_SUCCESS : TagKeys.OUTCOME_ERROR;
		lookup(this.stepTimers, new StepKey(kind, name, agent, outcome, errorType), this::stepTimer)
			.record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Records one finished run, an agent's or a multi-agent workflow's.
	 * @param agent agent or workflow name
	 * @param workflow whether the run is a workflow's: its duration is {@value MeterNames#INVOKE_WORKFLOW_DURATION}
	 * (and {@value MeterNames#INVOKE_AGENT_DURATION} as well with the previous conventions)
	 * @param outcome run outcome value
	 * @param errorType bounded error type, {@code none} on success
	 * @param nanos duration
	 * @param totalTokens input plus output tokens of all its model calls
	 * @param toolCalls number of tool calls
	 * @param modelCalls number of model calls
	 */
	public void recordRun(String agent, boolean workflow, String outcome, String errorType, long nanos,
			long totalTokens, int toolCalls, int modelCalls) {
		RunKey key = new RunKey(agent, outcome, errorType);
		if (workflow) {
			lookup(this.workflowTimers, key, this::workflowTimer).record(nanos, TimeUnit.NANOSECONDS);
		}
		if (!workflow || this.conventions.previous()) {
			lookup(this.runTimers, key, this::runTimer).record(nanos, TimeUnit.NANOSECONDS);
		}
		lookup(this.runTokens, agent, this::runTokensSummary).record(totalTokens);
		lookup(this.runToolCalls, agent, this::runToolCallsSummary).record(toolCalls);
		lookup(this.agentToolCalls, agent, (name) -> callsSummary(MeterNames.AGENT_TOOL_CALLS, name,
				"Tool calls per agent run")).record(toolCalls);
		lookup(this.inferenceCalls, agent, (name) -> callsSummary(MeterNames.INFERENCE_CALLS, name,
				"Model calls per agent run")).record(modelCalls);
	}

	/**
	 * Records the chunk timings of a streaming model call.
	 * @param operation operation name
	 * @param agent agent name
	 * @param provider provider name
	 * @param requestModel model requested
	 * @param firstChunkNanos time to the first chunk
	 * @param perChunkNanos mean time between the later chunks, negative when there was one chunk
	 */
	public void recordChunks(String operation, String agent, String provider, String requestModel,
			long firstChunkNanos, long perChunkNanos) {
		ModelKey key = new ModelKey(operation, agent, provider, requestModel, TagKeys.ERROR_NONE);
		lookup(this.firstChunkTimers, key, (k) -> chunkTimer(MeterNames.TIME_TO_FIRST_CHUNK, k,
				"Time to the first chunk of streaming GenAI model calls", Buckets.STEP_DURATION))
			.record(firstChunkNanos, TimeUnit.NANOSECONDS);
		if (perChunkNanos >= 0) {
			lookup(this.chunkTimers, key, (k) -> chunkTimer(MeterNames.TIME_PER_OUTPUT_CHUNK, k,
					"Time between the chunks of streaming GenAI model calls after the first", Buckets.CHUNK_INTERVAL))
				.record(perChunkNanos, TimeUnit.NANOSECONDS);
		}
	}

	private Timer chunkTimer(String name, ModelKey key, String description, Duration[] buckets) {
		return histogram(Timer.builder(name)
			.description(description)
			.tag(TagKeys.OPERATION_NAME, key.operation())
			.tag(TagKeys.PROVIDER_NAME, key.provider())
			.tag(TagKeys.REQUEST_MODEL, key.requestModel())
			.tag(TagKeys.AGENT_NAME, key.agent()), buckets);
	}

	private DistributionSummary callsSummary(String name, String agent, String description) {
		return histogram(DistributionSummary.builder(name)
			.description(description)
			.tag(TagKeys.AGENT_NAME, agent), Buckets.TOOL_CALLS);
	}

	private static <K, V> V lookup(ConcurrentMap<K, V> cache, K key, Function<K, V> factory) {
		V meter = cache.get(key);
		return (meter != null) ? meter : cache.computeIfAbsent(key, factory);
	}

	private Timer modelTimer(ModelKey key) {
		return histogram(Timer.builder(MeterNames.OPERATION_DURATION)
			.description("Duration of GenAI model calls")
			.tag(TagKeys.OPERATION_NAME, key.operation())
			.tag(TagKeys.PROVIDER_NAME, key.provider())
			.tag(TagKeys.REQUEST_MODEL, key.requestModel())
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag(TagKeys.ERROR_TYPE, key.errorType()), Buckets.STEP_DURATION);
	}

	private Timer toolTimer(ToolKey key) {
		return histogram(Timer.builder(MeterNames.EXECUTE_TOOL_DURATION)
			.description("Duration of tool calls made by agents")
			.tag(TagKeys.TOOL_NAME, key.tool())
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag(TagKeys.OUTCOME, key.outcome())
			.tag(TagKeys.ERROR_TYPE, key.errorType()), Buckets.STEP_DURATION);
	}

	private Timer stepTimer(StepKey key) {
		return histogram(Timer.builder(MeterNames.STEP_DURATION)
			.description("Duration of the steps of other kinds than model and tool calls: retrievals, embeddings, ...")
			.tag(TagKeys.STEP_KIND, key.kind())
			.tag(TagKeys.STEP_NAME, key.name())
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag(TagKeys.OUTCOME, key.outcome())
			.tag(TagKeys.ERROR_TYPE, key.errorType()), Buckets.STEP_DURATION);
	}

	private Timer runTimer(RunKey key) {
		return histogram(Timer.builder(MeterNames.INVOKE_AGENT_DURATION)
			.description("Duration of agent runs (one AI-service method call)")
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag(TagKeys.OUTCOME, key.outcome())
			.tag(TagKeys.ERROR_TYPE, key.errorType()), Buckets.RUN_DURATION);
	}

	private Timer workflowTimer(RunKey key) {
		return histogram(Timer.builder(MeterNames.INVOKE_WORKFLOW_DURATION)
			.description("Duration of multi-agent workflow runs")
			.tag(TagKeys.WORKFLOW_NAME, key.agent())
			.tag(TagKeys.OUTCOME, key.outcome())
			.tag(TagKeys.ERROR_TYPE, key.errorType()), Buckets.RUN_DURATION);
	}

	private DistributionSummary runTokensSummary(String agent) {
		return histogram(DistributionSummary.builder(MeterNames.RUN_TOKENS)
			.description("Total tokens per agent run")
			.baseUnit("tokens")
			.tag(TagKeys.AGENT_NAME, agent), Buckets.TOKENS);
	}

	private DistributionSummary runToolCallsSummary(String agent) {
		return histogram(DistributionSummary.builder(MeterNames.RUN_TOOL_CALLS)
			.description("Tool calls per agent run")
			.tag(TagKeys.AGENT_NAME, agent), Buckets.TOOL_CALLS);
	}

	/** A timer with the given buckets and client-side p50/p95/p99, registered, with its percentile gauges. */
	private Timer histogram(Timer.Builder builder, Duration... buckets) {
		return withPercentileGauges(builder.serviceLevelObjectives(buckets)
			.publishPercentiles(Buckets.PERCENTILES)
			.distributionStatisticBufferLength(1)
			.register(this.registry));
	}

	/** A distribution summary with the given buckets and client-side p50/p95/p99, registered, with its gauges. */
	private DistributionSummary histogram(DistributionSummary.Builder builder, double... buckets) {
		return withPercentileGauges(builder.serviceLevelObjectives(buckets)
			.publishPercentiles(Buckets.PERCENTILES)
			.distributionStatisticBufferLength(1)
			.register(this.registry));
	}

	/**
	 * Makes the client-side p50/p95/p99 readable as {@code <name>.percentile} gauges with a {@code phi} tag at
	 * {@code /actuator/metrics}, whatever the registry. Simple and step registries register these gauges themselves; a
	 * Prometheus registry does not. They are registered here only where no registry in the tree did, because
	 * registering them twice makes Micrometer log a warning and ignore the second registration.
	 */
	private Timer withPercentileGauges(Timer timer) {
		if (!hasPercentileGauges(this.registry, timer.getId())) {
			registerPercentileGauges(timer, timer.getId(), timer.baseTimeUnit());
		}
		return timer;
	}

	private DistributionSummary withPercentileGauges(DistributionSummary summary) {
		if (!hasPercentileGauges(this.registry, summary.getId())) {
			registerPercentileGauges(summary, summary.getId(), null);
		}
		return summary;
	}

	/**
	 * Registers one gauge per published percentile, and nothing for the buckets: those are already the histogram's
	 * own series.
	 */
	private void registerPercentileGauges(HistogramSupport meter, Meter.Id id, @Nullable TimeUnit unit) {
		for (int i = 0; i < Buckets.PERCENTILES.length; i++) {
			int index = i;
			Gauge.builder(id.getName() + ".percentile", meter, (histogram) -> {
				ValueAtPercentile[] values = histogram.takeSnapshot().percentileValues();
				if (index >= values.length) {
					return Double.NaN;
				}
				return (unit != null) ? values[index].value(unit) : values[index].value();
			})
				.tags(id.getTagsAsIterable())
				.tag("phi", DoubleFormat.decimalOrNan(Buckets.PERCENTILES[i]))
				.baseUnit(id.getBaseUnit())
				.synthetic(id)
				.register(this.registry);
		}
	}

	private static boolean hasPercentileGauges(MeterRegistry registry, Meter.Id id) {
		if (registry instanceof CompositeMeterRegistry composite) {
			for (MeterRegistry child : composite.getRegistries()) {
				if (hasPercentileGauges(child, id)) {
					return true;
				}
			}
			return false;
		}
		return registry.find(id.getName() + ".percentile").tags(id.getTags()).gauge() != null;
	}

	private record ModelKey(String operation, String agent, String provider, String requestModel, String errorType) {
	}

	private record TokenKey(String operation, String agent, String provider, String requestModel,
			String responseModel) {
	}

	/**
	 * The token meters of one operation, agent, provider and model pair: the conventions' counters of input and
	 * output tokens (with their cache and reasoning shares, registered once a call reports some) and per-call
	 * histograms, and with the previous conventions {@value MeterNames#TOKEN_USAGE} by token type.
	 */
	private final class TokenMeters {

		private final TokenKey key;

		private final Counter input;

		private final Counter output;

		private final DistributionSummary inputPerCall;

		private final DistributionSummary outputPerCall;

		private final @Nullable DistributionSummary previousInput;

		private final @Nullable DistributionSummary previousOutput;

		private volatile @Nullable Counter cacheRead;

		private volatile @Nullable Counter cacheWrite;

		private volatile @Nullable Counter reasoning;

		TokenMeters(TokenKey key, boolean previous) {
			this.key = key;
			this.input = counter(MeterNames.INPUT_TOKENS, "Input tokens of GenAI model calls, cached ones included");
			this.output = counter(MeterNames.OUTPUT_TOKENS,
					"Output tokens of GenAI model calls, reasoning ones included");
			this.inputPerCall = perCall(MeterNames.OPERATION_INPUT_TOKENS, "Input tokens per GenAI model call");
			this.outputPerCall = perCall(MeterNames.OPERATION_OUTPUT_TOKENS, "Output tokens per GenAI model call");
			this.previousInput = previous ? previous(TagKeys.TOKEN_INPUT) : null;
			this.previousOutput = previous ? previous(TagKeys.TOKEN_OUTPUT) : null;
		}

		void record(Usage usage) {
			long input = usage.totalInput();
			this.input.increment(input);
			this.output.increment(usage.output());
			this.inputPerCall.record(input);
			this.outputPerCall.record(usage.output());
			if (usage.cacheRead() > 0) {
				Counter counter = this.cacheRead;
				if (counter == null) {
					counter = counter(MeterNames.CACHE_READ_TOKENS, "Input tokens served from the provider's cache");
					this.cacheRead = counter;
				}
				counter.increment(usage.cacheRead());
			}
			if (usage.cacheCreation() > 0) {
				Counter counter = this.cacheWrite;
				if (counter == null) {
					counter = counter(MeterNames.CACHE_WRITE_TOKENS, "Input tokens written to the provider's cache");
					this.cacheWrite = counter;
				}
				counter.increment(usage.cacheCreation());
			}
			if (usage.reasoning() > 0) {
				Counter counter = this.reasoning;
				if (counter == null) {
					counter = counter(MeterNames.REASONING_TOKENS, "Output tokens spent reasoning");
					this.reasoning = counter;
				}
				counter.increment(usage.reasoning());
			}
			if (this.previousInput != null && this.previousOutput != null) {
				this.previousInput.record(usage.input());
				this.previousOutput.record(usage.output());
			}
		}

		private Counter counter(String name, String description) {
			return Counter.builder(name)
				.description(description)
				.tag(TagKeys.OPERATION_NAME, this.key.operation())
				.tag(TagKeys.PROVIDER_NAME, this.key.provider())
				.tag(TagKeys.REQUEST_MODEL, this.key.requestModel())
				.tag(TagKeys.RESPONSE_MODEL, this.key.responseModel())
				.tag(TagKeys.TOKEN_MODALITY, "text")
				.tag(TagKeys.AGENT_NAME, this.key.agent())
				.register(StepMeters.this.registry);
		}

		private DistributionSummary perCall(String name, String description) {
			return histogram(DistributionSummary.builder(name)
				.description(description)
				.tag(TagKeys.OPERATION_NAME, this.key.operation())
				.tag(TagKeys.PROVIDER_NAME, this.key.provider())
				.tag(TagKeys.REQUEST_MODEL, this.key.requestModel())
				.tag(TagKeys.RESPONSE_MODEL, this.key.responseModel())
				.tag(TagKeys.AGENT_NAME, this.key.agent()), Buckets.TOKENS);
		}

		private DistributionSummary previous(String tokenType) {
			return histogram(DistributionSummary.builder(MeterNames.TOKEN_USAGE)
				.description("Tokens used per GenAI model call")
				.baseUnit("tokens")
				.tag(TagKeys.OPERATION_NAME, this.key.operation())
				.tag(TagKeys.PROVIDER_NAME, this.key.provider())
				.tag(TagKeys.REQUEST_MODEL, this.key.requestModel())
				.tag(TagKeys.RESPONSE_MODEL, this.key.responseModel())
				.tag(TagKeys.TOKEN_TYPE, tokenType)
				.tag(TagKeys.AGENT_NAME, this.key.agent()), Buckets.TOKENS);
		}

	}

	private record ToolKey(String tool, String agent, String outcome, String errorType) {
	}

	private record StepKey(String kind, String name, String agent, String outcome, String errorType) {
	}

	private record RunKey(String agent, String outcome, String errorType) {
	}

	private record McpKey(String server, String tool, String errorType) {
	}

	private record ParsingKey(String agent, String returnType) {
	}

}
