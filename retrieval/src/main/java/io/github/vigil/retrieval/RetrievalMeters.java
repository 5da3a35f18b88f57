package io.github.vigil.retrieval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.Step;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The retrieval capability's meters, beside every step's {@code vigil.step.duration} (by kind, name and outcome):
 * how many results each retrieval returned, per retriever. The tokens of embedding calls go with the chat calls' in
 * the GenAI conventions' token-usage histogram, with operation {@code embeddings}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RetrievalMeters implements RunMiddleware {

	/** Results per retrieval, a distribution, by retriever ({@code gen_ai.data_source.id}) and agent. */
	public static final String RETRIEVAL_RESULTS = "vigil.retrieval.results";

	/** The tag of a retriever's name: the conventions' data source. */
	public static final String DATA_SOURCE = "gen_ai.data_source.id";

	/** The first bucket ({@code le="0.5"}) counts the retrievals that found nothing. */
	private static final double[] RESULT_BUCKETS = { 0.5, 1, 2, 3, 5, 10, 20, 50, 100 };

	private final MeterRegistry registry;

	private final Map<ResultsKey, DistributionSummary> results = new ConcurrentHashMap<>();

	/**
	 * Creates the meters.
	 * @param registry where they go
	 */
	public RetrievalMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void stepEnded(Step step) {
		if (Retrievals.RETRIEVAL.equals(step.kind())) {
			Retrieved retrieved = step.fact(Retrieved.class);
			if (retrieved != null) {
				results(step.name(), agent(step.run())).record(retrieved.results());
			}
		}
	}

	private DistributionSummary results(String retriever, String agent) {
		return this.results.computeIfAbsent(new ResultsKey(retriever, agent), (key) -> DistributionSummary
			.builder(RETRIEVAL_RESULTS)
			.description("Results per retrieval: 0 is a retrieval that found nothing")
			.tag(DATA_SOURCE, key.retriever())
			.tag(TagKeys.AGENT_NAME, key.agent())
			.serviceLevelObjectives(RESULT_BUCKETS)
			.register(this.registry));
	}

	private static String agent(@Nullable Run run) {
		return (run != null) ? run.agent() : TagKeys.AGENT_NONE;
	}

	private record ResultsKey(String retriever, String agent) {
	}

}
