package io.github.vigil.retrieval;

import java.util.List;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;
import org.jspecify.annotations.Nullable;

/**
 * What a retrieval found: published on its step.
 *
 * @param results how many contents it returned
 * @param topScore the best relevance score among them, {@code NaN} when none had one
 * @param lowestScore the lowest, {@code NaN} when none had one
 * @param maxResults how many its store search asked for, {@code -1} when not known
 * @param minScore the minimum score its store search asked for, {@code NaN} when not known
 * @param sources the ids of what it found (document ids, file names, URLs), bounded
 * @param query what it searched for (content: written only where content is allowed, redacted)
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Retrieved(int results, double topScore, double lowestScore, int maxResults, double minScore,
		List<String> sources, @Nullable String query) implements WrittenFact {

	/**
	 * Creates the fact.
	 * @param results contents returned
	 * @param topScore best score
	 * @param lowestScore lowest score
	 * @param maxResults results asked for
	 * @param minScore minimum score asked for
	 * @param sources ids of what was found
	 * @param query the query
	 */
	public Retrieved {
		sources = List.copyOf(sources);
	}

	@Override
	public void write(FactWriter out) {
		out.field("results", this.results).field("top_score", this.topScore);
		if (!Double.isNaN(this.lowestScore)) {
			out.field("lowest_score", this.lowestScore);
		}
		if (this.maxResults >= 0) {
			out.field("max_results", this.maxResults);
		}
		if (!Double.isNaN(this.minScore)) {
			out.field("min_score", this.minScore);
		}
		out.contents("sources", this.sources).content("query", this.query);
	}

}
