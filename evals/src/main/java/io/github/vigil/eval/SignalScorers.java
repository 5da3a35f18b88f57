package io.github.vigil.eval;

import java.util.function.Function;

import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.grounding.RetrievalGrounding;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StructuredOutput;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;
import io.github.vigil.run.ToolCallRecord;

/** The deterministic scorers: what Vigil already knows of a run, as scores. */
final class SignalScorers {

	static final Scorer TOOL_SUCCESS = new Signal("tool-success", SignalScorers::toolSuccess);

	static final Scorer GROUNDED = new Signal("grounded", SignalScorers::grounded);

	static final Scorer NOT_KILLED = new Signal("not-killed", SignalScorers::notKilled);

	static final Scorer GROUNDED_IN_RETRIEVAL = new Signal("grounded-in-retrieval", SignalScorers::groundedInRetrieval);

	static final Scorer PARSED = new Signal("parsed", SignalScorers::parsed);

	private SignalScorers() {
	}

	/**
	 * Whether the answer parsed into the method's return type: 1 when the run completed, 0 when it failed with
	 * {@code output_parsing}; none for a run whose method returns text, or that failed otherwise.
	 */
	private static @Nullable Score parsed(ScoredRun scored) {
		RunRecord run = scored.run();
		if (run.fact(StructuredOutput.class) == null) {
			return null;
		}
		if (ErrorTypes.OUTPUT_PARSING.equals(run.errorType())) {
			return new Score(0, "unparsed", "the answer did not parse into the method's return type");
		}
		return (run.outcome() == RunOutcome.COMPLETED) ? new Score(1, "parsed", "the answer parsed") : null;
	}

	private static Score toolSuccess(ScoredRun scored) {
		RunRecord run = scored.run();
		if (run.toolCalls().isEmpty()) {
			return new Score(1, "ok", "no tool calls");
		}
		int failed = 0;
		for (ToolCallRecord call : run.toolCalls()) {
			if (!call.success()) {
				failed++;
			}
		}
		int calls = run.toolCalls().size();
		return new Score((double) (calls - failed) / calls, (failed == 0) ? "ok" : "tool-errors",
				failed + " of " + calls + " tool calls failed");
	}

	private static Score grounded(ScoredRun scored) {
		RunRecord run = scored.run();
		GroundingOutcome grounding = run.fact(GroundingOutcome.class);
		int flags = (grounding != null) ? grounding.flags().size() : 0;
		return Score.of(flags == 0, (flags == 0) ? "grounded" : "flagged",
				(flags == 0) ? "nothing unbacked in the answer" : flags + " unbacked item(s) in the answer");
	}

	/** The share of the answer's checkable items what the run retrieved backs; none for a run that retrieved nothing. */
	private static @Nullable Score groundedInRetrieval(ScoredRun scored) {
		RetrievalGrounding grounding = scored.run().fact(RetrievalGrounding.class);
		if (grounding == null || grounding.items() == 0) {
			return null;
		}
		String label = (grounding.found() == 0) ? "no-evidence"
				: (grounding.backed() == grounding.items()) ? "grounded" : "partly";
		return new Score(grounding.share(), label, grounding.backed() + " of " + grounding.items()
				+ " checkable item(s) backed by what " + grounding.found() + " of " + grounding.retrievals()
				+ " retrieval(s) found");
	}

	private static Score notKilled(ScoredRun scored) {
		RunRecord run = scored.run();
		boolean killed = run.outcome() == RunOutcome.KILLED;
		return Score.of(!killed, killed ? "killed" : "ok",
				killed ? "a guard ended the run: " + run.errorType() : "no guard ended the run");
	}

	private record Signal(String name, Function<ScoredRun, @Nullable Score> rule) implements Scorer {

		@Override
		public @Nullable Score score(ScoredRun run) {
			return this.rule.apply(run);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
