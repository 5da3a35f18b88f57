package io.github.vigil.eval.junit;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;

import io.github.vigil.eval.EvalResult;
import org.opentest4j.AssertionFailedError;

/**
 * The baseline gate of one test: it writes each eval's report ({@code <test>.json} and {@code <test>.html}, the table
 * in the test's report entries and on the console) and fails the test when a scorer dropped too far.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class EvalGate {

	private final String name;

	private final Path reports;

	private final boolean updateBaseline;

	private final BiConsumer<String, String> reportEntries;

	EvalGate(String name, Path reports, boolean updateBaseline, BiConsumer<String, String> reportEntries) {
		this.name = name;
		this.reports = reports;
		this.updateBaseline = updateBaseline;
		this.reportEntries = reportEntries;
	}

	/**
	 * Reports an eval and gates on it.
	 * @param result the eval's result
	 * @return the result
	 * @throws AssertionFailedError when a scorer dropped below the baseline by more than allowed, with the
	 * baseline's averages as expected and this eval's as actual
	 */
	public EvalResult check(EvalResult result) {
		String file = this.name + (result.name().equals("eval") ? "" : "." + result.name());
		Path json = result.writeJson(this.reports.resolve(file + ".json"));
		Path html = result.writeHtml(this.reports.resolve(file + ".html"));
		String table = result.table();
		System.out.println(table);
		this.reportEntries.accept("vigil-eval", table);
		this.reportEntries.accept("vigil-eval-report", html.toAbsolutePath().toString());
		if (this.updateBaseline && result.baselineFile() != null) {
			Path baseline = result.writeJson(result.baselineFile());
			this.reportEntries.accept("vigil-eval-baseline", "updated " + baseline.toAbsolutePath());
			return result;
		}
		if (!result.passed()) {
			throw new AssertionFailedError(result.gate() + " (report: " + html.toAbsolutePath() + ", result: "
					+ json.toAbsolutePath() + ")", baseline(result), result.averages());
		}
		return result;
	}

	/**
	 * Returns where this gate writes reports.
	 * @return the directory
	 */
	public Path reports() {
		return this.reports;
	}

	private static Map<String, Double> baseline(EvalResult result) {
		Map<String, Double> averages = new java.util.LinkedHashMap<>();
		result.comparisons().forEach((comparison) -> averages.put(comparison.scorer(), comparison.baseline()));
		return averages;
	}

}
