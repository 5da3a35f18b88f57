package io.github.vigil.eval;

import java.util.function.Function;

import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;

/** The deterministic scorers: what Vigil already knows of a run, as scores. */
final class SignalScorers {

	static final Scorer TOOL_SUCCESS = new Signal("tool-success", SignalScorers::toolSuccess);

	static final Scorer GROUNDED = new Signal("grounded", SignalScorers::grounded);

	static final Scorer NOT_KILLED = new Signal("not-killed", SignalScorers::notKilled);

	private SignalScorers() {
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

	private static Score notKilled(ScoredRun scored) {
		RunRecord run = scored.run();
		boolean killed = run.outcome() == RunOutcome.KILLED;
		return Score.of(!killed, killed ? "killed" : "ok",
				killed ? "a guard ended the run: " + run.errorType() : "no guard ended the run");
	}

	private record Signal(String name, Function<ScoredRun, Score> rule) implements Scorer {

		@Override
		public Score score(ScoredRun run) {
			return this.rule.apply(run);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
