package io.github.vigil.benchmarks;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertPolicy;
import io.github.vigil.grounding.HallucinationAction;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.guard.ContextAction;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.run.GuardAction;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.log.JsonRunLog;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The time and allocation Vigil adds to a run of an AI service: one user message, one tool call, two model calls
 * (three steps), against an in-memory chat model. {@code bare} is LangChain4j alone, built on LangChain4j's own
 * service context so Vigil is not involved at all; {@code observed} is Vigil with its defaults (metrics, loop
 * kill-switch, budgets, context-window guard, hallucination check, alert windows); {@code metricsOnly} turns the
 * loop and context-window guards, the hallucination check and the alerts off; {@code observedWithRunLog} is
 * {@code observed} and also formats the JSON run-log line.
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

	/** Steps per run: two model calls and one tool call. */
	public static final int STEPS_PER_RUN = 3;

	private Agent bare;

	private Agent observed;

	private Agent observedWithRunLog;

	private Agent metricsOnly;

	private Vigil vigilMetricsOnly;

	private Vigil vigil;

	private Vigil vigilWithRunLog;

	@Setup(Level.Trial)
	public void setUp() {
		InMemoryModel model = new InMemoryModel();
		AiServices<Agent> bareBuilder = AiServices.builder(new AiServiceContext(Agent.class) {
		});
		this.bare = bareBuilder.chatModel(model).tools(new OrderTools()).build();

		this.vigil = Vigil.builder(new SimpleMeterRegistry()).runLog(false).build();
		this.observed = AiServices.builder(Agent.class)
			.chatModel(this.vigil.observe(model))
			.tools(new OrderTools())
			.build();

		this.vigilMetricsOnly = Vigil.builder(new SimpleMeterRegistry())
			.runLog(false)
			.loopPolicy(new LoopPolicy(false, 3, Map.of(), 3, GuardAction.END, LoopPolicy.DEFAULT_MESSAGE))
			.contextWindowPolicy(new ContextWindowPolicy(false, 0.8, Map.of(), 32_768, ContextAction.SUMMARIZE, 6))
			.hallucinationPolicy(new HallucinationPolicy(false, HallucinationAction.FLAG, "", 0))
			.alertPolicy(new AlertPolicy(false, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofMinutes(15),
					0.05, 0.15, 20, 2.0, Duration.ofHours(1), 10.0, 50, null))
			.build();
		this.metricsOnly = AiServices.builder(Agent.class)
			.chatModel(this.vigilMetricsOnly.observe(model))
			.tools(new OrderTools())
			.build();

		JsonRunLog runLog = new JsonRunLog(new ContentRedactor(500, true));
		this.vigilWithRunLog = Vigil.builder(new SimpleMeterRegistry())
			.runLog(false)
			.sink((run) -> LineHolder.line = runLog.format(run))
			.build();
		this.observedWithRunLog = AiServices.builder(Agent.class)
			.chatModel(this.vigilWithRunLog.observe(model))
			.tools(new OrderTools())
			.build();
	}

	@TearDown(Level.Trial)
	public void nothingIsRetained() {
		if (this.vigil.activeRuns() != 0 || this.vigilWithRunLog.activeRuns() != 0
				|| this.vigilMetricsOnly.activeRuns() != 0) {
			throw new IllegalStateException("runs retained after they finished");
		}
	}

	@Benchmark
	public String bare() {
		return this.bare.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String observed() {
		return this.observed.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String metricsOnly() {
		return this.metricsOnly.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String observedWithRunLog() {
		return this.observedWithRunLog.chat("Where is order ORD-10042?");
	}

	/** The AI service under test. */
	public interface Agent {

		String chat(String message);

	}

	/** Holds the last formatted line so the work cannot be optimised away. */
	static final class LineHolder {

		static volatile String line;

	}

	/** The tool the model calls. */
	public static class OrderTools {

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

	}

	/**
	 * A chat model that asks for the lookup tool once, then answers. Token usage varies from call to call, as it does
	 * with a real model, so the learned token baseline does real work.
	 */
	static final class InMemoryModel implements ChatModel {

		private int calls;

		private static final ToolExecutionRequest LOOKUP = ToolExecutionRequest.builder()
			.id("call_1")
			.name("lookupOrder")
			.arguments("{\"id\":\"ORD-10042\"}")
			.build();

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			boolean answered = messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage;
			int call = this.calls++;
			return ChatResponse.builder()
				.aiMessage(answered ? AiMessage.from("It shipped.") : AiMessage.from(LOOKUP))
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
