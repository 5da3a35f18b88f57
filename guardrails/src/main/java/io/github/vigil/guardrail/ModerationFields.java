package io.github.vigil.guardrail;

import java.util.concurrent.TimeUnit;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.RunFields;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StepRecord;

/**
 * A run's moderation in the run log: {@code moderation {flagged, latency_ms}}, {@code null} when no moderation model
 * checked the run. Flagged when any check flagged; the latency is the checks' together.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ModerationFields implements RunFields {

	@Override
	public void write(RunRecord run, FactWriter out) {
		boolean moderated = false;
		boolean flagged = false;
		long nanos = 0;
		for (StepRecord step : run.steps()) {
			if (Moderations.MODERATION.equals(step.kind())) {
				moderated = true;
				Moderated found = step.facts().get(Moderated.class);
				flagged |= found != null && found.flagged();
				nanos += step.durationNanos();
			}
		}
		if (!moderated) {
			out.field("moderation", (String) null);
			return;
		}
		out.object("moderation")
			.field("flagged", flagged)
			.field("latency_ms", TimeUnit.NANOSECONDS.toMillis(nanos))
			.endObject();
	}

}
