package io.github.vigil.retrieval;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;

/**
 * What an embedding-store search found: published on its step.
 *
 * @param results how many matches it returned
 * @param topScore the best score among them (or, for a probed empty search, the best there was below the minimum),
 * {@code NaN} when none
 * @param maxResults how many it asked for
 * @param minScore the minimum score it asked for
 * @param dimension the query embedding's dimension, {@code 0} when none was given
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Searched(int results, double topScore, int maxResults, double minScore, int dimension)
		implements WrittenFact {

	@Override
	public void write(FactWriter out) {
		out.field("results", this.results)
			.field("top_score", this.topScore)
			.field("max_results", this.maxResults)
			.field("min_score", this.minScore)
			.field("dimension", this.dimension);
	}

}
