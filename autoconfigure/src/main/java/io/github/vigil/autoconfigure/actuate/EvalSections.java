package io.github.vigil.autoconfigure.actuate;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.eval.EvalDataset;
import io.github.vigil.eval.EvalWeek;
import io.github.vigil.eval.Evals;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.RunQuery;
import io.github.vigil.store.RunScore;
import org.jspecify.annotations.Nullable;

import org.springframework.util.ClassUtils;

/**
 * What the {@code vigil} endpoint answers from evals: the weekly resolution trend, a run's scores and feedback, the
 * dataset export. The only class of the endpoint's that names the evals module's types, used only when
 * {@code vigil-evals} is on the class path.
 */
final class EvalSections {

	static final String MODULE_CLASS = "io.github.vigil.eval.Evals";

	/** Weeks the trend shows by default. */
	static final int DEFAULT_WEEKS = 8;

	/** Runs a dataset export holds by default. */
	static final int DEFAULT_DATASET_LIMIT = 10_000;

	private final Vigil vigil;

	private final boolean feedback;

	private final boolean dataset;

	EvalSections(Vigil vigil, boolean feedback, boolean dataset) {
		this.vigil = vigil;
		this.feedback = feedback;
		this.dataset = dataset;
	}

	private Evals evals() {
		if (!this.vigil.storesRuns()) {
			throw EndpointError.notFound("the run store is off (vigil.store.enabled=false), so there are no evals "
					+ "over stored runs");
		}
		return Evals.of(this.vigil);
	}

	/** {@code GET evals}: the weekly resolution rate per agent, with the resolution-drop alerts firing. */
	Map<String, Object> weeks(@Nullable String weeks) {
		int count = Parameters.whole("weeks", weeks, DEFAULT_WEEKS, 1, Evals.MAX_WEEKS);
		Evals evals = evals();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("weeks", evals.weeks(count).stream().map(EvalSections::week).toList());
		body.put("resolution_drop", ClassUtils.isPresent(AlertSection.MODULE_CLASS, EvalSections.class.getClassLoader())
				? AlertSection.resolutionDrops(this.vigil) : List.of());
		return body;
	}

	/** {@code GET evals/dataset}: stored runs as JSONL, only when the export is on. */
	String dataset(@Nullable String days, @Nullable String agent, @Nullable String outcome,
			@Nullable String groundTruthOnly, @Nullable String limit) {
		Evals evals = evals();
		if (!this.dataset) {
			throw EndpointError.refused("the dataset export is off: it holds users' messages in bulk; set "
					+ "vigil.evals.dataset.enabled=true to allow it");
		}
		boolean truthOnly = Parameters.flag("groundTruthOnly", groundTruthOnly);
		EvalDataset cases = evals.dataset(Parameters.whole("days", days, 7, 1, Evals.MAX_DAYS),
				Parameters.blankToNull(agent), Parameters.blankToNull(outcome), truthOnly,
				Parameters.whole("limit", limit, DEFAULT_DATASET_LIMIT, 1, RunQuery.MAX_LIMIT));
		StringWriter lines = new StringWriter();
		cases.writeJsonl(lines);
		return lines.toString();
	}

	/** A stored run's scores and the business's outcome, when there are any. */
	Map<String, Object> withEvals(Map<String, Object> run, String runId) {
		Evals evals = evals();
		run.put("scores", evals.scores(runId).stream().map(EvalSections::score).toList());
		Feedback feedback = evals.feedbackOf(runId);
		if (feedback != null) {
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("resolved", feedback.resolved());
			json.put("source", feedback.source());
			json.put("received_at", feedback.receivedAt().toString());
			run.put("feedback", json);
		}
		else {
			run.put("feedback", null);
		}
		return run;
	}

	/** {@code POST runs/{runId}/feedback}: the business's outcome of a run, only when feedback is on. */
	Map<String, Object> feedback(String runId, @Nullable Object resolved, @Nullable String source) {
		Evals evals = evals();
		if (!this.feedback) {
			throw EndpointError.refused(
					"feedback is off: set vigil.evals.feedback.enabled=true to attach resolution outcomes to runs");
		}
		boolean outcome;
		if (resolved instanceof Boolean value) {
			outcome = value;
		}
		else if (resolved instanceof String text && (text.equals("true") || text.equals("false"))) {
			outcome = Boolean.parseBoolean(text);
		}
		else {
			throw EndpointError.invalid("the body needs \"resolved\": true or false"
					+ ((resolved != null) ? ", was " + Parameters.cut(String.valueOf(resolved)) : ""));
		}
		Feedback kept = evals.feedback(runId, outcome, Parameters.blankToNull(source));
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("run_id", runId);
		body.put("resolved", kept.resolved());
		body.put("source", kept.source());
		body.put("received_at", kept.receivedAt().toString());
		body.put("scores", evals.scores(runId).stream().map(EvalSections::score).toList());
		return body;
	}

	private static Map<String, Object> score(RunScore score) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("scorer", score.scorer());
		json.put("value", score.value());
		json.put("label", score.label());
		json.put("explanation", score.explanation());
		return json;
	}

	private static Map<String, Object> week(EvalWeek week) {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("agent", week.agent());
		json.put("week", week.week().toString());
		json.put("runs", week.runs());
		json.put("scored", week.scored());
		json.put("resolution_rate", week.resolutionRate());
		return json;
	}

}
