package io.github.vigil.guardrail;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;

/**
 * What a moderation model found: published on its step. Never the text it flagged.
 *
 * @param flagged whether it flagged the messages
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Moderated(boolean flagged) implements WrittenFact {

	@Override
	public void write(FactWriter out) {
		out.field("flagged", this.flagged);
	}

}
