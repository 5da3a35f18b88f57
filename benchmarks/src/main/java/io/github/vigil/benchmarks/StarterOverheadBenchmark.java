package io.github.vigil.benchmarks;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.Vigil;
import io.github.vigil.benchmarks.RunOverheadBenchmark.Agent;
import io.github.vigil.benchmarks.RunOverheadBenchmark.InMemoryModel;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunSink;
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

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The same run as {@link RunOverheadBenchmark}, through the real starter: a Spring Boot context with Vigil's
 * starter, Boot's metrics and observation auto-configuration and a Prometheus registry ({@code starter}), and once
 * more with Boot's Brave tracing, every span sampled and dropped when it ends ({@code starterTraced}). The AI
 * service is built with plain {@link AiServices} from the context's chat model bean, as an application does; the
 * run-log line is formatted for every run. {@code bare} is LangChain4j alone.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.vigil.benchmarks.InterleavedRounds 3 8 5 1,10,20 StarterOverheadBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class StarterOverheadBenchmark {

	/** Tool calls per run; a run has two model calls besides. */
	@Param({ "1", "10", "20" })
	public int toolCalls;

	private Agent bare;

	private Agent starter;

	private Agent starterTraced;

	private ConfigurableApplicationContext plain;

	private ConfigurableApplicationContext traced;

	@Setup(Level.Trial)
	public void setUp() {
		Map<ToolSpecification, ToolExecutor> tools = RunOverheadBenchmark.tools(this.toolCalls);
		AiServices<Agent> bareBuilder = AiServices.builder(new AiServiceContext(Agent.class) {
		});
		this.bare = bareBuilder.chatModel(new InMemoryModel(this.toolCalls)).tools(tools).build();
		this.plain = context(false);
		this.starter = AiServices.builder(Agent.class)
			.chatModel(this.plain.getBean(ChatModel.class))
			.tools(tools)
			.build();
		this.traced = context(true);
		this.starterTraced = AiServices.builder(Agent.class)
			.chatModel(this.traced.getBean(ChatModel.class))
			.tools(tools)
			.build();
	}

	private ConfigurableApplicationContext context(boolean tracing) {
		return new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false",
					"benchmark.tool-calls=" + this.toolCalls, "management.tracing.sampling.probability=1.0",
					"vigil.alerts.evaluation-interval=1h",
					"spring.autoconfigure.exclude=" + (tracing ? "" : String.join(",", TRACING)))
			.run();
	}

	/** Boot's tracing auto-configuration, left out of the context without a tracer. */
	private static final String[] TRACING = {
			"org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.autoconfigure.NoopTracerAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration",
			"org.springframework.boot.micrometer.tracing.brave.autoconfigure.zipkin.ZipkinWithBraveTracingAutoConfiguration" };

	@TearDown(Level.Trial)
	public void nothingIsRetained() {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { this.plain,
				this.traced }) {
			if (context.getBean(Vigil.class).activeRuns() != 0) {
				throw new IllegalStateException("runs retained after they finished");
			}
			context.close();
		}
	}

	@Benchmark
	public String bare() {
		return this.bare.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String starter() {
		return this.starter.chat("Where is order ORD-10042?");
	}

	@Benchmark
	public String starterTraced() {
		return this.starterTraced.chat("Where is order ORD-10042?");
	}

	/** The in-memory model as a provider's model class is: not final, so the starter proxies it. */
	static class ProviderModel extends ForwardingModel {

		ProviderModel(int toolCalls) {
			super(new InMemoryModel(toolCalls));
		}

	}

	/** A chat model that forwards to another. */
	static class ForwardingModel implements ChatModel {

		private final ChatModel delegate;

		ForwardingModel(ChatModel delegate) {
			this.delegate = delegate;
		}

		@Override
		public dev.langchain4j.model.chat.response.ChatResponse doChat(
				dev.langchain4j.model.chat.request.ChatRequest request) {
			return this.delegate.doChat(request);
		}

		@Override
		public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
			return this.delegate.defaultRequestParameters();
		}

		@Override
		public dev.langchain4j.model.ModelProvider provider() {
			return this.delegate.provider();
		}

	}

	/** The application: its chat model, and the run log's line formatted for every run. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ChatModel chatModel(org.springframework.core.env.Environment environment) {
			return new ProviderModel(environment.getRequiredProperty("benchmark.tool-calls", Integer.class));
		}

		@Bean
		RunSink formattedRunLog() {
			JsonRunLog runLog = new JsonRunLog(new ContentRedactor(500, true));
			return (run) -> RunOverheadBenchmark.LineHolder.line = runLog.format(run);
		}

	}

}
