package io.github.vigil.eval.junit;

import java.lang.reflect.Method;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs offline evals as JUnit 5 tests: a test that takes an {@link EvalGate} passes each eval's result to it, and
 * the gate writes the report and fails the test when a scorer dropped below the baseline by more than the eval
 * allows.
 * <pre>{@code
 * @ExtendWith(EvalExtension.class)
 * class PromptGateTests {
 *
 *     @Test
 *     void resolutionHoldsOnLastWeeksRuns(EvalGate gate) {
 *         gate.check(Eval.of(EvalDataset.fromJsonl(Path.of("src/test/resources/last-week.jsonl")))
 *             .task((c) -> agent.chat(c.input()))
 *             .scorers(Scorer.resolution())
 *             .baseline(Path.of("src/test/resources/eval-baseline.json"))
 *             .run());
 *     }
 *
 * }
 * }</pre>
 * Reports go to {@code target/vigil-evals} (system property {@value #REPORTS_PROPERTY} moves them); with
 * {@code -D}{@value #UPDATE_BASELINE_PROPERTY}{@code =true} each result becomes its eval's new baseline and the
 * gate passes, for the commit that accepts a change.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class EvalExtension implements ParameterResolver {

	/** System property naming the directory reports are written to. */
	public static final String REPORTS_PROPERTY = "vigil.eval.reports";

	/** System property that, when {@code true}, saves each result as its baseline instead of gating on it. */
	public static final String UPDATE_BASELINE_PROPERTY = "vigil.eval.update-baseline";

	/** Where reports go without the property. */
	public static final String DEFAULT_REPORTS = "target/vigil-evals";

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == EvalGate.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		String name = context.getRequiredTestClass().getSimpleName()
				+ context.getTestMethod().map(Method::getName).map((method) -> "." + method).orElse("");
		Path reports = Path.of(System.getProperty(REPORTS_PROPERTY, DEFAULT_REPORTS));
		boolean update = Boolean.parseBoolean(System.getProperty(UPDATE_BASELINE_PROPERTY, "false"));
		return new EvalGate(name, reports, update, context::publishReportEntry);
	}

}
