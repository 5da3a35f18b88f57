package io.github.vigil.eval;

import dev.langchain4j.model.chat.ChatModel;
import org.jspecify.annotations.Nullable;

/**
 * Scores a finished run: a run in, a score in [0, 1] out. Scorers run online, on a background thread for each
 * production run (or a sample), and offline in an {@link Eval}. A scorer that throws is counted in
 * {@code vigil.eval.scorer.failures} and skipped; the run and the other scorers are unaffected.
 * <p>
 * Shipped: {@link #resolution()} (resolved or escalated, against the ground truth when the business has told),
 * {@link #toolSuccess()}, {@link #grounded()}, {@link #notKilled()}, and {@link #judge} (a rubric on any LangChain4j
 * chat model, sampled).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Scorer {

	/**
	 * Returns the scorer's name: a metric tag and a column of every report, so bounded and stable.
	 * @return the name
	 */
	String name();

	/**
	 * Scores a run.
	 * @param run the run, with the ground truth when it is known
	 * @return the score, or {@code null} when the scorer does not apply to this run (a sampled judge that skips it)
	 * @throws Exception when the run cannot be scored; counted and skipped
	 */
	@Nullable Score score(ScoredRun run) throws Exception;

	/**
	 * Tells whether the score depends on the ground truth: such scorers score a stored run again when feedback
	 * arrives for it.
	 * @return whether it does
	 */
	default boolean usesGroundTruth() {
		return false;
	}

	/**
	 * Returns the resolution scorer with the default signs of escalation: {@link Escalation#defaults()}.
	 * @return the scorer
	 */
	static Scorer resolution() {
		return new ResolutionScorer(Escalation.defaults());
	}

	/**
	 * Returns the resolution scorer: a run is escalated when an escalation tool ran or the answer says so. Without
	 * ground truth the score is 1 when the run resolved the issue itself and 0 when it escalated; with it, 1 when
	 * the run did what the case needed (resolved what could be resolved, escalated what needed a human), else 0.
	 * A run that failed scores 0. Labels: {@code resolved}, {@code escalated}, {@code failed}.
	 * @param escalation what counts as escalating
	 * @return the scorer
	 */
	static Scorer resolution(Escalation escalation) {
		return new ResolutionScorer(escalation);
	}

	/**
	 * Returns the scorer of tool outcomes: the share of the run's tool calls that succeeded, 1 for a run without
	 * tool calls. Labels: {@code ok}, {@code tool-errors}.
	 * @return the scorer
	 */
	static Scorer toolSuccess() {
		return SignalScorers.TOOL_SUCCESS;
	}

	/**
	 * Returns the scorer of the hallucination proxy: 1 when nothing in the answer was flagged as unbacked, else 0.
	 * Labels: {@code grounded}, {@code flagged}.
	 * @return the scorer
	 */
	static Scorer grounded() {
		return SignalScorers.GROUNDED;
	}

	/**
	 * Returns the scorer of guard kills: 0 when a guard ended the run, else 1. Labels: {@code ok}, {@code killed}.
	 * @return the scorer
	 */
	static Scorer notKilled() {
		return SignalScorers.NOT_KILLED;
	}

	/**
	 * Returns the grounded-in-retrieval scorer: the share of the answer's checkable items (URLs, prices, people,
	 * identifiers) that the text the run retrieved backs; it does not apply to a run that retrieved nothing or whose
	 * answer has nothing to check. Labels: {@code grounded}, {@code partly}, {@code no-evidence}.
	 * @return the scorer
	 */
	static Scorer groundedInRetrieval() {
		return SignalScorers.GROUNDED_IN_RETRIEVAL;
	}

	/**
	 * Returns the output-parsing scorer: 1 when the answer of a run whose AI-service method returns structured output
	 * (a record, a list, an enum...) parsed into it, 0 when the run failed with {@code output_parsing}; it does not
	 * apply to runs whose method returns text, or that failed otherwise. Labels: {@code parsed}, {@code unparsed}.
	 * @return the scorer
	 */
	static Scorer parsed() {
		return SignalScorers.PARSED;
	}

	/**
	 * Returns a judge: a chat model grades each sampled run's answer against a rubric and replies with a score.
	 * Each judged run costs a model call, so judge a sample.
	 * @param model the judging model, any LangChain4j chat model
	 * @param rubric what a good answer is, in the model's language
	 * @param sampleRate the share of runs judged, in [0, 1]; the others get no score from it
	 * @return the scorer
	 */
	static Scorer judge(ChatModel model, String rubric, double sampleRate) {
		return new JudgeScorer(model, rubric, sampleRate);
	}

}
