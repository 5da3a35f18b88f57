package io.github.vigil.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.Vigil;
import io.github.vigil.eval.Eval;
import io.github.vigil.eval.EvalDataset;
import io.github.vigil.eval.EvalResult;
import io.github.vigil.eval.Evals;
import io.github.vigil.eval.Scorer;
import io.github.vigil.observation.VigilMeterObservationHandler;
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
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Offline eval throughput: a dataset of {@value #CASES} stored runs (each a model call that asks for a tool, the
 * tool call and a model call that answers) answered again by the same AI service on an in-memory model, with the
 * tools recorded (served from the stored results) and the four deterministic scorers, in a Vigil with every default
 * on and an {@link ObservationRegistry} as Spring Boot configures it. The score is cases per second, on one
 * thread.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EvalBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class EvalBenchmark {

	static final int CASES = 100;

	private Vigil vigil;

	private RunOverheadBenchmark.Agent agent;

	private EvalDataset dataset;

	@Setup(Level.Trial)
	public void setUp() {
		PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new VigilMeterObservationHandler(), new DefaultMeterObservationHandler(meters)));
		this.vigil = Vigil.builder(meters).observationRegistry(observations).runLog(false).build();
		Map<ToolSpecification, ToolExecutor> tools = RunOverheadBenchmark.tools(1);
		this.agent = AiServices.builder(RunOverheadBenchmark.Agent.class)
			.chatModel(this.vigil.observe(new RunOverheadBenchmark.InMemoryModel(1)))
			.tools(tools)
			.build();
		for (int i = 0; i < CASES; i++) {
			this.agent.chat("Where is order ORD-" + (10_000 + i) + "?");
		}
		this.vigil.flushRuns(Duration.ofSeconds(10));
		this.dataset = Evals.of(this.vigil).dataset(1, null, null, false, CASES);
		if (this.dataset.size() != CASES) {
			throw new IllegalStateException("the dataset has " + this.dataset.size() + " cases, not " + CASES);
		}
	}

	@TearDown(Level.Trial)
	public void close() {
		this.vigil.close();
	}

	@Benchmark
	@OperationsPerInvocation(CASES)
	public EvalResult recordedTools() {
		EvalResult result = Eval.of(this.dataset)
			.task((c) -> this.agent.chat(c.input()))
			.scorers(Scorer.resolution(), Scorer.toolSuccess(), Scorer.grounded(), Scorer.notKilled())
			.run();
		if (result.cases().size() != CASES) {
			throw new IllegalStateException("cases lost");
		}
		return result;
	}

}
