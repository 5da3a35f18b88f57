package io.github.vigil.cost;

import java.math.BigDecimal;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;

/**
 * What one model call cost, from its usage and the price table: a fact of the call, on its span as the proposed
 * {@code gen_ai.usage.cost.*} attributes (semantic-conventions-genai PR #443).
 *
 * @param amount the cost
 * @param currency its ISO 4217 currency code
 * @author Vigil contributors
 * @since 0.1.0
 */
public record CallCost(BigDecimal amount, String currency) implements WrittenFact {

	/** Writes the proposed GenAI cost attributes, as the call's span carries them. */
	@Override
	public void write(FactWriter out) {
		out.field("gen_ai.usage.cost.amount", this.amount)
			.field("gen_ai.usage.cost.currency", this.currency)
			.field("gen_ai.usage.cost.source", "local");
	}

}
