package io.github.vigil.retrieval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.Steps;
import org.jspecify.annotations.Nullable;

/**
 * Observes a knowledge base's parts: each call of a {@link ContentRetriever}, an {@link EmbeddingModel} and an
 * {@link EmbeddingStore} it decorates is a step of the AI-service run it serves (found from the query's invocation
 * context, or from the retrieval it runs inside of), and a search or an embedding call made by a retrieval is its
 * child. The decorators behave as the objects they decorate: same results, same exceptions, every other method
 * passed on.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Retrievals {

	/** A content retriever's retrieval: spans {@code retrieval <retriever>}, the run log's {@code retrievals[]}. */
	public static final StepKind RETRIEVAL = StepKind.of("retrieval", "retrieval", "retrievals", "retriever");

	/** An embedding model's call: spans {@code embeddings <model>}, the run log's {@code embeddings[]}. */
	public static final StepKind EMBEDDING = StepKind.of("embedding", "embeddings", "embeddings", "model");

	/** An embedding store's search: spans {@code query <store>}, the run log's {@code vector_searches[]}. */
	public static final StepKind SEARCH = StepKind.of("vector_search", "query", "vector_searches", "store");

	private final Steps steps;

	private final RetrievalPolicy policy;

	private final InternalFailures failures;

	/** The retrievers observed, by name, the latest of each: what a stored retrieval replays against. */
	private final Map<String, ContentRetriever> live = new ConcurrentHashMap<>();

	/**
	 * Creates the capability.
	 * @param steps where the steps are reported
	 * @param policy the settings
	 * @param failures where Vigil's own failures are counted, never the user's call
	 */
	public Retrievals(Steps steps, RetrievalPolicy policy, InternalFailures failures) {
		this.steps = Objects.requireNonNull(steps, "steps must not be null");
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
		this.failures = Objects.requireNonNull(failures, "failures must not be null");
	}

	/**
	 * Returns whether a retriever, store or model is one of Vigil's decorators already.
	 * @param component the retriever, store or model
	 * @return whether it is
	 */
	public static boolean isObserved(Object component) {
		return component instanceof Observed;
	}

	/**
	 * Observes a content retriever.
	 * @param retriever the retriever
	 * @param name its bounded name, the retriever's in meters, spans and the run log ({@code gen_ai.data_source.id})
	 * @return a retriever that behaves as the given one and reports its retrievals
	 */
	public ContentRetriever observe(ContentRetriever retriever, String name) {
		if (retriever instanceof Observed) {
			return retriever;
		}
		String bounded = Names.bounded(name);
		this.live.put(bounded, retriever);
		return new ObservedContentRetriever(retriever, bounded, this.steps, this.policy, this.failures);
	}

	/** What a retrieval found when it ran again. */
	public record Replayed(String outcome, @Nullable String errorType, int results, double topScore,
			List<String> sources) {

		/**
		 * Returns a line for people: how many results, the best score and the first sources.
		 * @return the line
		 */
		public String summary() {
			return (this.errorType != null && this.results == 0) ? this.errorType + ": nothing retrieved"
					: this.results + " result(s), top score " + (Double.isNaN(this.topScore) ? "none" : this.topScore)
							+ (this.sources.isEmpty() ? "" : ": " + String.join(", ", this.sources));
		}

	}

	/**
	 * Runs a query again against a retriever observed under the given name, the retriever itself (not its observed
	 * decorator, so the replay is no step of any run and no meter counts it).
	 * @param name the retriever's name
	 * @param query the query
	 * @return what it found, {@code null} when no retriever of that name was observed
	 */
	public @Nullable Replayed replay(String name, String query) {
		ContentRetriever retriever = this.live.get(name);
		if (retriever == null) {
			return null;
		}
		try {
			List<Content> found = retriever.retrieve(Query.from(query));
			int results = (found != null) ? found.size() : 0;
			Retrieved facts = ObservedContentRetriever.facts(found, this.policy.maxSources(), query);
			return new Replayed((results > 0) ? "success" : "error", (results > 0) ? null : RetrievalOutcomes.EMPTY,
					results, facts.topScore(), facts.sources().subList(0, Math.min(3, facts.sources().size())));
		}
		catch (RuntimeException ex) {
			return new Replayed("error", RetrievalOutcomes.of(ex), 0, Double.NaN, List.of());
		}
	}

	/**
	 * Observes a content retriever under a name of its own: its class's.
	 * @param retriever the retriever
	 * @return a retriever that behaves as the given one and reports its retrievals
	 */
	public ContentRetriever observe(ContentRetriever retriever) {
		return observe(retriever, Names.of(retriever));
	}

	/**
	 * Observes an embedding store's searches.
	 * @param store the store
	 * @param name its bounded name
	 * @param <T> what it embeds
	 * @return a store that behaves as the given one and reports its searches
	 */
	public <T> EmbeddingStore<T> observe(EmbeddingStore<T> store, String name) {
		if (store instanceof Observed) {
			return store;
		}
		return new ObservedEmbeddingStore<>(store, Names.bounded(name), Names.system(store), this.steps, this.policy,
				this.failures);
	}

	/**
	 * Observes an embedding store's searches under a name of its own: its class's.
	 * @param store the store
	 * @param <T> what it embeds
	 * @return a store that behaves as the given one and reports its searches
	 */
	public <T> EmbeddingStore<T> observe(EmbeddingStore<T> store) {
		return observe(store, Names.of(store));
	}

	/**
	 * Observes an embedding model's calls, named by the model's name.
	 * @param model the model
	 * @return a model that behaves as the given one and reports its calls
	 */
	public EmbeddingModel observe(EmbeddingModel model) {
		if (model instanceof Observed) {
			return model;
		}
		return new ObservedEmbeddingModel(model, this.steps, this.failures);
	}

}
