package io.github.vigil.eval;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.store.ReplayedRuns;
import io.github.vigil.store.StoredRun;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;

/**
 * An offline eval: each case of a dataset answered again by a task (usually an AI service observed by Vigil), each
 * answer scored, the averages compared with a baseline. With tools {@linkplain Tools#RECORDED recorded} (the
 * default), every tool call of the task's run gets the result the original run got: deterministic, no side effects,
 * only the model is called again.
 * <pre>{@code
 * EvalResult result = Eval.of(EvalDataset.fromJsonl(Path.of("src/test/resources/last-week.jsonl")))
 *     .task((c) -> agent.chat(c.userId(), c.input()))
 *     .scorers(Scorer.resolution())
 *     .baseline(Path.of("src/test/resources/eval-baseline.json"))
 *     .run();
 * result.assertPasses();
 * }</pre>
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Eval {

	/** The default largest drop of a scorer's average, in points, that still passes. */
	public static final double DEFAULT_MAX_DROP_POINTS = 5.0;

	private final EvalDataset dataset;

	private @Nullable Function<EvalCase, @Nullable String> task;

	private final List<Scorer> scorers = new ArrayList<>();

	private Tools tools = Tools.RECORDED;

	private String name = "eval";

	private @Nullable Path baseline;

	private double maxDropPoints = DEFAULT_MAX_DROP_POINTS;

	private int parallelism = 1;

	private Eval(EvalDataset dataset) {
		this.dataset = Objects.requireNonNull(dataset, "dataset must not be null");
	}

	/**
	 * Starts an eval of a dataset.
	 * @param dataset the cases
	 * @return the eval
	 */
	public static Eval of(EvalDataset dataset) {
		return new Eval(dataset);
	}

	/**
	 * Sets what answers each case: usually a call of the AI service under test.
	 * @param task the case in, the answer out
	 * @return this eval
	 */
	public Eval task(Function<EvalCase, @Nullable String> task) {
		this.task = Objects.requireNonNull(task, "task must not be null");
		return this;
	}

	/**
	 * Adds scorers.
	 * @param scorers the scorers
	 * @return this eval
	 */
	public Eval scorers(Scorer... scorers) {
		this.scorers.addAll(List.of(scorers));
		return this;
	}

	/**
	 * Sets how tools are answered.
	 * @param tools recorded (the default) or live
	 * @return this eval
	 */
	public Eval tools(Tools tools) {
		this.tools = Objects.requireNonNull(tools, "tools must not be null");
		return this;
	}

	/**
	 * Names the eval in its report.
	 * @param name the name
	 * @return this eval
	 */
	public Eval name(String name) {
		this.name = Objects.requireNonNull(name, "name must not be null");
		return this;
	}

	/**
	 * Sets the baseline: a previous eval's result file ({@link EvalResult#writeJson}). A missing file means no
	 * comparison yet.
	 * @param file the file
	 * @return this eval
	 */
	public Eval baseline(Path file) {
		this.baseline = Objects.requireNonNull(file, "file must not be null");
		return this;
	}

	/**
	 * Sets the largest drop of any scorer's average below the baseline's that still passes.
	 * @param points the drop in points (hundredths of the score); {@value #DEFAULT_MAX_DROP_POINTS} by default
	 * @return this eval
	 */
	public Eval maxDrop(double points) {
		if (!(points >= 0 && points <= 100)) {
			throw new IllegalArgumentException("maxDrop must be in [0, 100] points, was " + points);
		}
		this.maxDropPoints = points;
		return this;
	}

	/**
	 * Sets how many cases run at once.
	 * @param threads the threads, 1 by default
	 * @return this eval
	 */
	public Eval parallelism(int threads) {
		if (threads < 1) {
			throw new IllegalArgumentException("parallelism must be at least 1, was " + threads);
		}
		this.parallelism = threads;
		return this;
	}

	/**
	 * Runs every case, scores it and compares the averages with the baseline.
	 * @return the result
	 * @throws IllegalStateException when no task or no scorer is set
	 */
	public EvalResult run() {
		Function<EvalCase, @Nullable String> work = this.task;
		if (work == null) {
			throw new IllegalStateException("an eval needs a task: Eval.of(dataset).task((c) -> agent.chat(c.input()))");
		}
		if (this.scorers.isEmpty()) {
			throw new IllegalStateException("an eval needs at least one scorer, such as Scorer.resolution()");
		}
		long start = System.nanoTime();
		Map<String, Integer> failures = new LinkedHashMap<>();
		List<EvalCaseResult> results = new ArrayList<>(this.dataset.size());
		if (this.parallelism == 1) {
			for (EvalCase each : this.dataset.cases()) {
				results.add(runCase(each, work, failures));
			}
		}
		else {
			ExecutorService pool = Executors.newFixedThreadPool(this.parallelism);
			try {
				List<Future<EvalCaseResult>> futures = new ArrayList<>();
				for (EvalCase each : this.dataset.cases()) {
					futures.add(pool.submit(() -> runCase(each, work, failures)));
				}
				for (Future<EvalCaseResult> future : futures) {
					results.add(future.get());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("the eval was interrupted", ex);
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException("an eval case failed unexpectedly", ex.getCause());
			}
			finally {
				pool.shutdownNow();
			}
		}
		Map<String, Double> baselineAverages = (this.baseline != null) ? EvalReport.readAverages(this.baseline) : null;
		return new EvalResult(this.name, this.tools, this.scorers.stream().map(Scorer::name).toList(), results,
				baselineAverages, this.baseline, this.maxDropPoints, this.dataset.problems(), failures,
				System.nanoTime() - start);
	}

	private EvalCaseResult runCase(EvalCase each, Function<EvalCase, @Nullable String> work,
			Map<String, Integer> failures) {
		long start = System.nanoTime();
		Object[] answer = new Object[2];
		Runnable action = () -> {
			try {
				answer[0] = work.apply(each);
			}
			catch (RuntimeException | Error ex) {
				answer[1] = ex;
			}
		};
		StoredRun original = (each.original() != null) ? each.original() : placeholder(each);
		RunRecord run = ReplayedRuns.replay(original, this.tools == Tools.RECORDED, action);
		long duration = System.nanoTime() - start;
		String output = (String) answer[0];
		Throwable thrown = (Throwable) answer[1];
		String error = (thrown != null) ? thrown.getClass().getSimpleName() + ": " + thrown.getMessage() : null;
		RunRecord scored = (run != null) ? run : synthesized(each, output, thrown, duration);
		Map<String, Score> scores = Scoring.all(this.scorers, new ScoredRun(scored, each.resolved()),
				(scorer, ex) -> {
					synchronized (failures) {
						failures.merge(scorer, 1, Integer::sum);
					}
				});
		return new EvalCaseResult(each, (output != null) ? output : (run != null && thrown == null) ? run.output()
				: null, scores, run, error, duration);
	}

	private static StoredRun placeholder(EvalCase each) {
		Instant now = Instant.now();
		return new StoredRun(each.id(), null, "eval", each.agent(), null, null,
				(each.userId() != null) ? each.userId() : "anonymous", null, now, now, "completed", null, null, 0, 0,
				each.input(), null, List.of(), List.of(), List.of(), null, null);
	}

	private static RunRecord synthesized(EvalCase each, @Nullable String output, @Nullable Throwable thrown,
			long duration) {
		return RunRecord.builder(each.id(), each.agent())
			.timestamp(Instant.now())
			.user((each.userId() != null) ? each.userId() : "anonymous", null)
			.content(each.input(), output)
			.durationNanos(duration)
			.ending((thrown != null) ? RunOutcome.ERROR : RunOutcome.COMPLETED,
					(thrown != null) ? ErrorTypes.of(thrown) : null, (thrown != null) ? thrown.getMessage() : null)
			.build();
	}

	/** How an eval's tool calls are answered. */
	public enum Tools {

		/** From the original run's stored results: deterministic, no side effects. */
		RECORDED,

		/** By the application's tools, called again. */
		LIVE

	}

	@Override
	public String toString() {
		return "Eval " + this.name + " (" + this.dataset.size() + " cases, tools " + this.tools + ", max drop "
				+ this.maxDropPoints + " points" + ((this.baseline != null) ? ", baseline " + this.baseline : "")
				+ ")";
	}

	static Duration duration(long nanos) {
		return Duration.ofNanos(nanos);
	}

}
