package io.github.vigil.benchmarks;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.V;
import io.github.vigil.Vigil;
import io.github.vigil.agentic.AgenticWorkflows;
import io.github.vigil.eval.EvalPolicy;
import io.github.vigil.observation.VigilMeterObservationHandler;
import io.github.vigil.store.StorePolicy;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
 * The time Vigil adds to a multi-agent workflow: a sequence of two sub-agents built with {@code AgenticServices}
 * (a triage agent's one model call; an orders agent's model call asking for a tool, the tool call, and the
 * answering model call) on an in-memory model, so two agent steps and four steps in one workflow run.
 * <ul>
 * <li>{@code bare}: the agentic module alone (Vigil on the class path, the model not observed and no default
 * installed, so no run is made).</li>
 * <li>{@code observed}: Vigil's defaults (telemetry, guards, the hallucination check, alert windows) with a
 * Prometheus registry and an {@link ObservationRegistry} as Spring Boot configures them, the run store and online
 * scoring off, the workflow observed through {@link AgenticWorkflows}.</li>
 * <li>{@code runsOfTheirOwn}: the same Vigil, the workflow not observed, so each sub-agent's call is a run of its
 * own: what nesting costs beyond observing the sub-agents.</li>
 * </ul>
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar WorkflowBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class WorkflowBenchmark {

	private static final Map<String, Object> REQUEST = Map.of("request", "Where is ORD-10042?", "userId", "u-1");

	private UntypedAgent bare;

	private UntypedAgent observed;

	private UntypedAgent runsOfTheirOwn;

	private Vigil vigil;

	@Setup(Level.Trial)
	public void setUp() {
		ChatModel model = new Model();
		this.bare = workflow(model);
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new VigilMeterObservationHandler(), new DefaultMeterObservationHandler(meters)));
		// the run store's and online scoring's background threads are off: their share of the user's thread is
		// measured in RunOverheadBenchmark, and on two CPUs their work would be measured here as noise
		this.vigil = Vigil.builder(meters)
			.observationRegistry(observations)
			.runLog(false)
			.storePolicy(StorePolicy.defaults().disabled())
			.evalPolicy(EvalPolicy.defaults().withEnabled(false))
			.build();
		this.observed = AgenticWorkflows.observe(this.vigil, workflow(this.vigil.observe(model)));
		this.runsOfTheirOwn = workflow(this.vigil.observe(model));
	}

	private static UntypedAgent workflow(ChatModel model) {
		Triage triage = AgenticServices.agentBuilder(Triage.class).chatModel(model).build();
		Orders orders = AgenticServices.agentBuilder(Orders.class).chatModel(model).tools(new OrderTools()).build();
		return AgenticServices.sequenceBuilder().name("support").subAgents(triage, orders).outputKey("answer").build();
	}

	@TearDown(Level.Trial)
	public void nothingIsRetained() {
		if (this.vigil.activeRuns() != 0) {
			throw new IllegalStateException("runs retained after they finished");
		}
		this.vigil.close();
	}

	@Benchmark
	public Object bare() {
		return this.bare.invoke(REQUEST);
	}

	@Benchmark
	public Object observed() {
		return this.observed.invoke(REQUEST);
	}

	@Benchmark
	public Object runsOfTheirOwn() {
		return this.runsOfTheirOwn.invoke(REQUEST);
	}

	/** The triage agent. */
	public interface Triage {

		@dev.langchain4j.service.UserMessage("Classify this support request as ORDER or REFUND: {{request}}")
		@Agent(name = "triage", outputKey = "category")
		String classify(@V("request") String request);

	}

	/** The orders agent. */
	public interface Orders {

		@dev.langchain4j.service.UserMessage("Answer the {{category}} request: {{request}}")
		@Agent(name = "orders", outputKey = "answer")
		String answer(@V("category") String category, @V("request") String request);

	}

	/** The orders tool. */
	public static final class OrderTools {

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

	}

	/** Classifies, asks for the tool, answers from its result. */
	static final class Model implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			ChatMessage last = messages.get(messages.size() - 1);
			AiMessage reply;
			if (last instanceof ToolExecutionResultMessage result) {
				reply = AiMessage.from("Your order " + result.text() + " is on its way.");
			}
			else if (((UserMessage) last).singleText().startsWith("Classify")) {
				reply = AiMessage.from("ORDER");
			}
			else {
				reply = AiMessage.from(ToolExecutionRequest.builder()
					.id("call-1")
					.name("lookupOrder")
					.arguments("{\"id\":\"ORD-10042\"}")
					.build());
			}
			return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(20, 5)).build();
		}

	}

}
