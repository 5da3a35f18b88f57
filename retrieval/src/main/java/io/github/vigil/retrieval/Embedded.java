package io.github.vigil.retrieval;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;

/**
 * What an embedding-model call did: published on its step, with its token usage as the kernel's
 * {@link io.github.vigil.run.ModelUsage} fact, which the token and cost meters count.
 *
 * @param inputs how many texts it embedded
 * @param dimension the embeddings' dimension, {@code 0} when it returned none
 * @param inputTokens the tokens the provider reported, {@code -1} when it reported none
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Embedded(int inputs, int dimension, long inputTokens) implements WrittenFact {

	@Override
	public void write(FactWriter out) {
		out.field("inputs", this.inputs).field("dimension", this.dimension);
		if (this.inputTokens >= 0) {
			out.field("input_tokens", this.inputTokens);
		}
	}

}
