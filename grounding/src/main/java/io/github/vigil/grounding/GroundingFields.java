package io.github.vigil.grounding;

import java.util.List;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.RunFields;
import io.github.vigil.run.RunRecord;

/**
 * What the hallucination proxy found in a run's answer, in the run log: {@code flags}, {@code flag_action} and
 * {@code reprompt_flags}, empty when the answer was clean or not checked.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class GroundingFields implements RunFields {

	@Override
	public void write(RunRecord run, FactWriter out) {
		GroundingOutcome grounding = run.fact(GroundingOutcome.class);
		flags(out, "flags", (grounding != null) ? grounding.flags() : List.of());
		out.field("flag_action", (grounding != null) ? grounding.action() : null);
		flags(out, "reprompt_flags", (grounding != null) ? grounding.repromptFlags() : List.of());
	}

	private static void flags(FactWriter out, String name, List<Flag> flags) {
		out.array(name);
		for (Flag flag : flags) {
			out.element().field("kind", flag.kind()).content("value", flag.value()).field("reason", flag.reason())
				.endElement();
		}
		out.endArray();
	}

}
