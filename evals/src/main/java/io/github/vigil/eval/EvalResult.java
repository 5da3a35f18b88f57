package io.github.vigil.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What an eval found: each case with its scores, each scorer's average, and the comparison with the baseline. Write
 * it as the next baseline with {@link #writeJson}; read it in the console with {@link #table()}, in a browser with
 * {@link #writeHtml}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class EvalResult {

	private final String name;

	private final Eval.Tools tools;

	private final List<String> scorers;

	private final List<EvalCaseResult> cases;

	private final Map<String, Double> averages = new LinkedHashMap<>();

	private final @Nullable Map<String, Double> baseline;

	private final @Nullable Path baselineFile;

	private final double maxDropPoints;

	private final List<EvalComparison> comparisons = new ArrayList<>();

	private final List<String> problems;

	private final Map<String, Integer> scorerFailures;

	private final long durationNanos;

	EvalResult(String name, Eval.Tools tools, List<String> scorers, List<EvalCaseResult> cases,
			@Nullable Map<String, Double> baseline, @Nullable Path baselineFile, double maxDropPoints,
			List<String> problems, Map<String, Integer> scorerFailures, long durationNanos) {
		this.name = name;
		this.tools = tools;
		this.scorers = List.copyOf(scorers);
		this.cases = List.copyOf(cases);
		this.baseline = baseline;
		this.baselineFile = baselineFile;
		this.maxDropPoints = maxDropPoints;
		this.problems = List.copyOf(problems);
		this.scorerFailures = Map.copyOf(scorerFailures);
		this.durationNanos = durationNanos;
		for (String scorer : this.scorers) {
			double sum = 0;
			int count = 0;
			for (EvalCaseResult each : this.cases) {
				Score score = each.scores().get(scorer);
				if (score != null) {
					sum += score.value();
					count++;
				}
			}
			if (count > 0) {
				this.averages.put(scorer, sum / count);
			}
		}
		if (baseline != null) {
			baseline.forEach((scorer, before) -> {
				Double now = this.averages.get(scorer);
				double drop = (now != null) ? (before - now) * 100 : before * 100;
				boolean failed = now == null || drop > maxDropPoints + 1e-9;
				this.comparisons.add(new EvalComparison(scorer, before, now, drop, failed));
			});
		}
	}

	/**
	 * Returns the eval's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns how tools were answered.
	 * @return recorded or live
	 */
	public Eval.Tools tools() {
		return this.tools;
	}

	/**
	 * Returns the scorers' names, in order.
	 * @return the names
	 */
	public List<String> scorers() {
		return this.scorers;
	}

	/**
	 * Returns each case with its scores.
	 * @return the cases, in the dataset's order
	 */
	public List<EvalCaseResult> cases() {
		return this.cases;
	}

	/**
	 * Returns each scorer's average over the cases it scored.
	 * @return the averages, by scorer name; a scorer that scored no case is absent
	 */
	public Map<String, Double> averages() {
		return java.util.Collections.unmodifiableMap(this.averages);
	}

	/**
	 * Returns one scorer's average.
	 * @param scorer the scorer's name
	 * @return the average, {@code NaN} when it scored no case
	 */
	public double average(String scorer) {
		Double average = this.averages.get(scorer);
		return (average != null) ? average : Double.NaN;
	}

	/**
	 * Returns the comparison with the baseline, one per scorer of the baseline.
	 * @return the comparisons, empty without a baseline
	 */
	public List<EvalComparison> comparisons() {
		return List.copyOf(this.comparisons);
	}

	/**
	 * Tells whether a baseline was there to compare with.
	 * @return whether it was
	 */
	public boolean hasBaseline() {
		return this.baseline != null;
	}

	/**
	 * Returns the baseline file.
	 * @return the file, {@code null} when none was set
	 */
	public @Nullable Path baselineFile() {
		return this.baselineFile;
	}

	/**
	 * Returns the largest drop that passes.
	 * @return the points
	 */
	public double maxDropPoints() {
		return this.maxDropPoints;
	}

	/**
	 * Returns the dataset lines that did not parse.
	 * @return the problems
	 */
	public List<String> problems() {
		return this.problems;
	}

	/**
	 * Returns how many times each scorer threw.
	 * @return the failures, by scorer name
	 */
	public Map<String, Integer> scorerFailures() {
		return this.scorerFailures;
	}

	/**
	 * Returns how long the eval took.
	 * @return nanoseconds
	 */
	public long durationNanos() {
		return this.durationNanos;
	}

	/**
	 * Tells whether no scorer dropped below the baseline by more than the allowed points; true without a baseline.
	 * @return whether the gate passes
	 */
	public boolean passed() {
		return this.comparisons.stream().noneMatch(EvalComparison::failed);
	}

	/**
	 * Fails when a scorer dropped below the baseline by more than the allowed points.
	 * @throws AssertionError naming each scorer that dropped, with both averages and the drop in points
	 */
	public void assertPasses() {
		if (!passed()) {
			throw new AssertionError(gate());
		}
	}

	/**
	 * Returns the gate's verdict in one line.
	 * @return the verdict
	 */
	public String gate() {
		if (this.baseline == null) {
			return "no baseline yet" + ((this.baselineFile != null) ? " at " + this.baselineFile : "")
					+ ": nothing to compare with";
		}
		List<String> dropped = new ArrayList<>();
		for (EvalComparison comparison : this.comparisons) {
			if (comparison.failed()) {
				dropped.add((comparison.current() != null)
						? String.format(Locale.ROOT, "%s dropped %.1f points (%.3f -> %.3f)", comparison.scorer(),
								comparison.dropPoints(), comparison.baseline(), comparison.current())
						: comparison.scorer() + " scored no case (baseline " + comparison.baseline() + ")");
			}
		}
		if (dropped.isEmpty()) {
			return String.format(Locale.ROOT, "passed: no scorer dropped more than %.1f points below the baseline",
					this.maxDropPoints);
		}
		return String.format(Locale.ROOT, "FAILED: %s; at most %.1f points allowed", String.join(", ", dropped),
				this.maxDropPoints);
	}

	/**
	 * Returns the report as a console table: a row per case, the averages, the baseline and the gate.
	 * @return the table
	 */
	public String table() {
		return EvalReport.table(this);
	}

	/**
	 * Returns the result as JSON: what {@link Eval#baseline} reads.
	 * @return the JSON
	 */
	public String toJson() {
		return EvalReport.json(this);
	}

	/**
	 * Writes the result as JSON, the next eval's baseline.
	 * @param file the file; its directory is created
	 * @return the file
	 */
	public Path writeJson(Path file) {
		return write(file, toJson());
	}

	/**
	 * Writes the report as one HTML page.
	 * @param file the file; its directory is created
	 * @return the file
	 */
	public Path writeHtml(Path file) {
		return write(file, EvalReport.html(this));
	}

	private static Path write(Path file, String content) {
		try {
			Path directory = file.toAbsolutePath().getParent();
			if (directory != null) {
				Files.createDirectories(directory);
			}
			return Files.writeString(file, content, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
	}

	@Override
	public String toString() {
		return "EvalResult " + this.name + ": " + this.cases.size() + " cases, averages " + this.averages + ", "
				+ gate();
	}

}
