package io.github.vigil.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * The CPU time of the whole process per operation: the benchmark's thread and every other (the run store's writer,
 * the scoring threads, the garbage collector, the compilers), which users pay too. Reported as {@code cpu.process}
 * in ns per operation, each iteration on its own.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ProcessCpuProfiler implements InternalProfiler {

	/** The secondary result's name. */
	public static final String RESULT = "cpu.process";

	private long start;

	@Override
	public String getDescription() {
		return "CPU time of the whole process per operation";
	}

	@Override
	public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
		this.start = processCpuNanos();
	}

	@Override
	public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
			IterationParams iterationParams, IterationResult result) {
		long cpu = processCpuNanos() - this.start;
		long ops = result.getMetadata().getMeasuredOps();
		double perOp = (ops > 0) ? (double) cpu / ops : Double.NaN;
		return List.of(new ScalarResult(RESULT, perOp, "ns/op", AggregationPolicy.AVG));
	}

	private static long processCpuNanos() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime();
		}
		return 0;
	}

}
