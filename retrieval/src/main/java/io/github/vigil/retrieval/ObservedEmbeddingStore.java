package io.github.vigil.retrieval;

import java.util.Collection;
import java.util.List;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.listener.EmbeddingStoreListener;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Steps;
import org.jspecify.annotations.Nullable;

/**
 * An embedding store that reports each search as a step, the child of the retrieval it serves: every other method
 * is the store's own.
 *
 * @param <T> what the store embeds
 */
final class ObservedEmbeddingStore<T> implements EmbeddingStore<T>, Observed {

	private final EmbeddingStore<T> delegate;

	private final String name;

	private final String system;

	private final Steps steps;

	private final RetrievalPolicy policy;

	private final InternalFailures failures;

	ObservedEmbeddingStore(EmbeddingStore<T> delegate, String name, String system, Steps steps, RetrievalPolicy policy,
			InternalFailures failures) {
		this.delegate = delegate;
		this.name = name;
		this.system = system;
		this.steps = steps;
		this.policy = policy;
		this.failures = failures;
	}

	@Override
	public EmbeddingSearchResult<T> search(EmbeddingSearchRequest request) {
		OpenStep step = start();
		if (step == null) {
			return this.delegate.search(request);
		}
		return Observing.around(step, () -> this.delegate.search(request), (result) -> ended(step, request, result));
	}

	private @Nullable OpenStep start() {
		try {
			OpenStep enclosing = Enclosing.current();
			OpenStep step = (enclosing != null) ? this.steps.startInside(enclosing, Retrievals.SEARCH, this.name)
					: this.steps.start(null, Retrievals.SEARCH, this.name);
			step.observation()
				.lowCardinalityKeyValue("db.system.name", this.system)
				.lowCardinalityKeyValue("db.operation.name", "query")
				.lowCardinalityKeyValue("db.collection.name", this.name);
			return step;
		}
		catch (RuntimeException ex) {
			this.failures.record("retrieval", ex);
			return null;
		}
	}

	private void ended(OpenStep step, @Nullable EmbeddingSearchRequest request,
			@Nullable EmbeddingSearchResult<T> result) {
		try {
			List<EmbeddingMatch<T>> matches = (result != null && result.matches() != null) ? result.matches()
					: List.of();
			double top = Double.NaN;
			for (EmbeddingMatch<T> match : matches) {
				Double score = (match != null) ? match.score() : null;
				if (score != null && Double.isFinite(score)) {
					top = Double.isNaN(top) ? score : Math.max(top, score);
				}
			}
			int maxResults = (request != null) ? request.maxResults() : -1;
			double minScore = (request != null) ? request.minScore() : Double.NaN;
			Embedding query = (request != null) ? request.queryEmbedding() : null;
			int dimension = (query != null && query.vector() != null) ? query.vector().length : 0;
			boolean below = false;
			if (matches.isEmpty() && request != null && minScore > 0 && this.policy.probeEmptySearches()) {
				double best = probe(request);
				if (!Double.isNaN(best)) {
					below = true;
					top = best;
				}
			}
			step.fact(new Searched(matches.size(), top, maxResults, minScore, dimension));
			step.observation()
				.highCardinalityKeyValue("db.vector.query.top_k", String.valueOf(maxResults))
				.highCardinalityKeyValue("db.vector.query.similarity_threshold", String.valueOf(minScore))
				.highCardinalityKeyValue("db.vector.dimension_count", String.valueOf(dimension));
			Enclosing.Search search = (step.parent() != null) ? step.parent().state(Enclosing.Search.class,
					Enclosing.Search::new) : null;
			if (search != null) {
				search.maxResults = maxResults;
				search.minScore = minScore;
				search.belowThreshold = below;
				search.bestBelow = below ? top : Double.NaN;
			}
			if (below) {
				step.failed(RetrievalOutcomes.BELOW_THRESHOLD,
						"nothing scored at or above the minimum score " + minScore + "; the best was " + top);
			}
			else if (matches.isEmpty()) {
				step.failed(RetrievalOutcomes.EMPTY, (minScore > 0)
						? "nothing found at or above the minimum score " + minScore : "nothing found");
			}
			else {
				step.succeeded();
			}
		}
		catch (RuntimeException ex) {
			this.failures.record("retrieval", ex);
			step.succeeded();
		}
	}

	/** The best score there was below the minimum, {@code NaN} when there was nothing at all (or the probe failed). */
	private double probe(EmbeddingSearchRequest request) {
		try {
			EmbeddingSearchResult<T> any = this.delegate.search(EmbeddingSearchRequest.builder()
				.query(request.query())
				.queryEmbedding(request.queryEmbedding())
				.filter(request.filter())
				.maxResults(1)
				.minScore(0.0)
				.build());
			if (any == null || any.matches() == null || any.matches().isEmpty()) {
				return Double.NaN;
			}
			Double score = any.matches().get(0).score();
			return (score != null && Double.isFinite(score)) ? score : Double.NaN;
		}
		catch (RuntimeException ex) {
			return Double.NaN;
		}
	}

	@Override
	public String add(Embedding embedding) {
		return this.delegate.add(embedding);
	}

	@Override
	public void add(String id, Embedding embedding) {
		this.delegate.add(id, embedding);
	}

	@Override
	public String add(Embedding embedding, T embedded) {
		return this.delegate.add(embedding, embedded);
	}

	@Override
	public List<String> addAll(List<Embedding> embeddings) {
		return this.delegate.addAll(embeddings);
	}

	@Override
	public List<String> addAll(List<Embedding> embeddings, List<T> embedded) {
		return this.delegate.addAll(embeddings, embedded);
	}

	@Override
	public List<String> generateIds(int n) {
		return this.delegate.generateIds(n);
	}

	@Override
	public void addAll(List<String> ids, List<Embedding> embeddings, List<T> embedded) {
		this.delegate.addAll(ids, embeddings, embedded);
	}

	@Override
	public void remove(String id) {
		this.delegate.remove(id);
	}

	@Override
	public void removeAll(Collection<String> ids) {
		this.delegate.removeAll(ids);
	}

	@Override
	public void removeAll(Filter filter) {
		this.delegate.removeAll(filter);
	}

	@Override
	public void removeAll() {
		this.delegate.removeAll();
	}

	@Override
	public EmbeddingStore<T> addListener(EmbeddingStoreListener listener) {
		return rewrap(this.delegate.addListener(listener));
	}

	@Override
	public EmbeddingStore<T> addListeners(List<EmbeddingStoreListener> listeners) {
		return rewrap(this.delegate.addListeners(listeners));
	}

	private EmbeddingStore<T> rewrap(EmbeddingStore<T> listening) {
		return (listening == this.delegate) ? this
				: new ObservedEmbeddingStore<>(listening, this.name, this.system, this.steps, this.policy,
						this.failures);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
