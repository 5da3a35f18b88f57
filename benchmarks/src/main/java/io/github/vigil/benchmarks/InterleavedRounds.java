package io.github.vigil.benchmarks;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs {@link RunOverheadBenchmark} in rounds, one fork of every variant and tool-call count per round in turn, so that a shared
 * machine's drift weighs on the instrumented variants and the bare baseline alike, then prints the median time per
 * run over all measured iterations, the time added per step (the median over rounds of the variant's round median
 * less {@code bare}'s in the same round, divided by the steps of a run), the spread of the per-round medians, and
 * the allocation per run.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.vigil.benchmarks.InterleavedRounds [rounds] [warmup] [iterations] [tool calls] [class]
 * </pre>
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class InterleavedRounds {

	private static final Map<String, List<String>> VARIANTS = Map.of("RunOverheadBenchmark",
			List.of("bare", "telemetryOnly", "defaults", "defaultsWithoutStore", "defaultsStoreHandoff",
					"defaultsWithoutScoring", "defaultsScoringHandoff", "defaultsTraced"), "StarterOverheadBenchmark",
			List.of("bare", "starter", "starterTraced"));

	private static final List<String> TOOL_CALLS = List.of("1", "10", "20");

	private InterleavedRounds() {
	}

	/**
	 * Runs the rounds and prints the table.
	 * @param args rounds (3), warm-up iterations (8), measured iterations (5) of one second, and the tool calls per
	 * run (1,10,20), and the benchmark class ({@code RunOverheadBenchmark} or {@code StarterOverheadBenchmark})
	 * @throws RunnerException when JMH fails
	 */
	public static void main(String[] args) throws RunnerException {
		int rounds = (args.length > 0) ? Integer.parseInt(args[0]) : 3;
		int warmup = (args.length > 1) ? Integer.parseInt(args[1]) : 8;
		int iterations = (args.length > 2) ? Integer.parseInt(args[2]) : 5;
		List<String> toolCalls = (args.length > 3) ? List.of(args[3].split(",")) : TOOL_CALLS;
		String benchmarkClass = (args.length > 4) ? args[4] : "RunOverheadBenchmark";
		List<String> variants = (args.length > 5) ? List.of(args[5].split(",")) : VARIANTS.get(benchmarkClass);
		Map<String, List<Double>> scores = new LinkedHashMap<>();
		Map<String, List<Double>> roundMedians = new LinkedHashMap<>();
		Map<String, List<Double>> allocations = new LinkedHashMap<>();
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		for (int round = 1; round <= rounds; round++) {
			for (String tools : toolCalls) {
				for (String variant : variants) {
					String key = tools + "/" + variant;
					System.err.printf(Locale.ROOT, "round %d of %d: %s tool calls, %s%n", round, rounds, tools, variant);
					Options options = new OptionsBuilder()
						.include(RunOverheadBenchmark.class.getPackageName() + "." + benchmarkClass + "." + variant + "$")
						.param("toolCalls", tools)
						.forks(1)
						.warmupIterations(warmup)
						.measurementIterations(iterations)
						.warmupTime(TimeValue.seconds(1))
						.measurementTime(TimeValue.seconds(1))
						.addProfiler(GCProfiler.class)
						.addProfiler(ProcessCpuProfiler.class)
						.verbosity(VerboseMode.SILENT)
						.build();
					for (RunResult result : new Runner(options).run()) {
						List<Double> measured = new ArrayList<>();
						for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
							for (IterationResult iteration : benchmark.getIterationResults()) {
								measured.add(iteration.getPrimaryResult().getScore());
							}
						}
						scores.computeIfAbsent(key, (k) -> new ArrayList<>()).addAll(measured);
						roundMedians.computeIfAbsent(key, (k) -> new ArrayList<>()).add(median(measured));
						for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
							for (IterationResult iteration : benchmark.getIterationResults()) {
								Result<?> perRun = iteration.getSecondaryResults().get(ProcessCpuProfiler.RESULT);
								if (perRun != null) {
									// ns per operation; one operation is one run
									cpu.computeIfAbsent(key, (k) -> new ArrayList<>()).add(perRun.getScore() / 1000);
								}
							}
						}
						Result<?> allocation = result.getSecondaryResults().get("gc.alloc.rate.norm");
						if (allocation != null) {
							allocations.computeIfAbsent(key, (k) -> new ArrayList<>()).add(allocation.getScore());
						}
					}
				}
			}
		}
		print(rounds, warmup, iterations, toolCalls, variants, scores, roundMedians, allocations, cpu);
	}

	private static void print(int rounds, int warmup, int iterations, List<String> toolCalls,
			List<String> variants, Map<String, List<Double>> scores, Map<String, List<Double>> roundMedians,
			Map<String, List<Double>> allocations, Map<String, List<Double>> cpu) {
		System.out.printf(Locale.ROOT, "%n%d rounds of one fork per variant (%d warm-up, %d measured iterations of 1 s)"
				+ "; %s%n%n", rounds, warmup, iterations, machine());
		System.out.println("| tool calls | variant | time per run (median) | added per step (paired by round, median) "
				+ "| round medians (min to max) | process CPU per run | added CPU per run | allocated per run "
				+ "| added per step |");
		System.out.println("|---|---|---|---|---|---|---|---|---|");
		for (String tools : toolCalls) {
			int steps = Integer.parseInt(tools) + 2;
			List<Double> bareRounds = roundMedians.get(tools + "/bare");
			double bareAllocation = median(allocations.getOrDefault(tools + "/bare", List.of(Double.NaN)));
			double bareCpu = median(cpu.getOrDefault(tools + "/bare", List.of(Double.NaN)));
			for (String variant : variants) {
				String key = tools + "/" + variant;
				List<Double> medians = roundMedians.get(key);
				List<Double> addedPerRound = new ArrayList<>();
				for (int round = 0; round < medians.size(); round++) {
					addedPerRound.add((medians.get(round) - bareRounds.get(round)) / steps);
				}
				boolean bare = "bare".equals(variant);
				double allocation = median(allocations.getOrDefault(key, List.of(Double.NaN)));
				double processCpu = median(cpu.getOrDefault(key, List.of(Double.NaN)));
				System.out.printf(Locale.ROOT,
						"| %s | `%s` | %.2f µs | %s | %.2f to %.2f µs | %.2f µs | %s | %,.0f B | %s |%n", tools, variant,
						median(scores.get(key)),
						bare ? "" : String.format(Locale.ROOT, "%.2f µs", median(addedPerRound)), min(medians),
						max(medians), processCpu,
						bare ? "" : String.format(Locale.ROOT, "%.2f µs", processCpu - bareCpu), allocation,
						bare ? "" : String.format(Locale.ROOT, "%,.0f B", (allocation - bareAllocation) / steps));
			}
		}
	}

	private static String machine() {
		return Runtime.getRuntime().availableProcessors() + " CPUs, " + System.getProperty("java.vm.name") + " "
				+ System.getProperty("java.version");
	}

	private static double median(Collection<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	private static double min(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

}
