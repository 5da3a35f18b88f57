package io.github.vigil.eval;

import org.jspecify.annotations.Nullable;

/** Resolved or escalated, against the ground truth when it is known. */
final class ResolutionScorer implements Scorer {

	static final String NAME = "resolution";

	static final String RESOLVED = "resolved";

	static final String ESCALATED = "escalated";

	static final String FAILED = "failed";

	private final Escalation escalation;

	ResolutionScorer(Escalation escalation) {
		this.escalation = escalation;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public boolean usesGroundTruth() {
		return true;
	}

	@Override
	public Score score(ScoredRun scored) {
		if (scored.run().outcome() == io.github.vigil.run.RunOutcome.ERROR) {
			return Score.of(false, FAILED, "the run failed (" + scored.run().errorType() + "): nothing was resolved");
		}
		@Nullable String evidence = this.escalation.evidence(scored.run());
		boolean escalated = evidence != null;
		String label = escalated ? ESCALATED : RESOLVED;
		Boolean truth = scored.resolved();
		if (truth == null) {
			return Score.of(!escalated, label,
					escalated ? "escalated: " + evidence : "resolved without a human (no ground truth yet)");
		}
		boolean right = truth != escalated;
		String needed = truth ? "the issue could be resolved without a human" : "the issue needed a human";
		return Score.of(right, label,
				(escalated ? "escalated (" + evidence + ")" : "did not escalate") + "; " + needed);
	}

}
