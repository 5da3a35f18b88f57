package io.github.vigil.retrieval;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.listener.ContentRetrieverListener;
import dev.langchain4j.rag.query.Query;
import io.github.vigil.grounding.Backing;
import io.github.vigil.grounding.Evidence;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Run;
import io.github.vigil.run.Steps;
import org.jspecify.annotations.Nullable;

/**
 * A content retriever that reports each retrieval as a step: what it returns and throws is the retriever's own.
 */
final class ObservedContentRetriever implements ContentRetriever, Observed {

	/** Metadata keys that name a segment's source, in the order they are preferred. */
	private static final String[] SOURCE_KEYS = { "id", "document_id", "source", "url", "file_name", "title" };

	private static final int MAX_SOURCE_CHARS = 200;

	private final ContentRetriever delegate;

	private final String name;

	private final Steps steps;

	private final RetrievalPolicy policy;

	private final InternalFailures failures;

	ObservedContentRetriever(ContentRetriever delegate, String name, Steps steps, RetrievalPolicy policy,
			InternalFailures failures) {
		this.delegate = delegate;
		this.name = name;
		this.steps = steps;
		this.policy = policy;
		this.failures = failures;
	}

	@Override
	public List<Content> retrieve(Query query) {
		OpenStep step = start(query);
		if (step == null) {
			return this.delegate.retrieve(query);
		}
		OpenStep outer = Enclosing.enter(step);
		try {
			return Observing.around(step, () -> this.delegate.retrieve(query),
					(contents) -> ended(step, query, contents));
		}
		finally {
			Enclosing.exit(outer);
		}
	}

	private @Nullable OpenStep start(@Nullable Query query) {
		try {
			Run run = (query != null && query.metadata() != null)
					? this.steps.run(query.metadata().invocationContext()) : null;
			OpenStep enclosing = Enclosing.current();
			OpenStep step = (run == null && enclosing != null) ? this.steps.startInside(enclosing, Retrievals.RETRIEVAL, this.name)
					: this.steps.start(run, Retrievals.RETRIEVAL, this.name);
			step.observation().lowCardinalityKeyValue("gen_ai.data_source.id", this.name);
			step.input((query != null) ? query.text() : null);
			return step;
		}
		catch (RuntimeException ex) {
			this.failures.record("retrieval", ex);
			return null;
		}
	}

	private void ended(OpenStep step, @Nullable Query query, @Nullable List<Content> contents) {
		try {
			List<Content> found = (contents != null) ? contents : List.of();
			Retrieved seen = facts(found, this.policy.maxSources(), null);
			Enclosing.Search search = step.state(Enclosing.Search.class);
			int maxResults = (search != null) ? search.maxResults : -1;
			double minScore = (search != null) ? search.minScore : Double.NaN;
			step.fact(new Retrieved(found.size(), seen.topScore(), seen.lowestScore(), maxResults, minScore,
					seen.sources(), (query != null) ? query.text() : null));
			// the segments' texts are read only if an answer has something to check against them
			List<Content> kept = new ArrayList<>(found);
			step.fact(Backing.of(found.size(), () -> evidence(kept)));
			if (maxResults >= 0) {
				step.observation().highCardinalityKeyValue("gen_ai.retrieval.top_k", String.valueOf(maxResults));
			}
			if (contents == null) {
				step.failed(RetrievalOutcomes.EMPTY, "the retriever returned null");
			}
			else if (found.isEmpty()) {
				if (search != null && search.belowThreshold) {
					step.failed(RetrievalOutcomes.BELOW_THRESHOLD, "nothing scored at or above the minimum score "
							+ minScore + "; the best was " + search.bestBelow);
				}
				else {
					step.failed(RetrievalOutcomes.EMPTY, (minScore > 0)
							? "nothing retrieved at or above the minimum score " + minScore : "nothing retrieved");
				}
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

	/** What the contents show: their number, best and lowest finite scores, and the first sources. */
	static Retrieved facts(@Nullable List<Content> contents, int keep, @Nullable String query) {
		List<Content> found = (contents != null) ? contents : List.of();
		double top = Double.NaN;
		double lowest = Double.NaN;
		List<String> sources = new ArrayList<>(Math.min(found.size(), keep));
		for (int i = 0; i < found.size(); i++) {
			Content content = found.get(i);
			if (content == null) {
				continue;
			}
			double score = score(content);
			if (Double.isFinite(score)) {
				top = Double.isNaN(top) ? score : Math.max(top, score);
				lowest = Double.isNaN(lowest) ? score : Math.min(lowest, score);
			}
			if (sources.size() < keep) {
				sources.add(source(content, i));
			}
		}
		return new Retrieved(found.size(), top, lowest, -1, Double.NaN, sources, query);
	}

	private static double score(Content content) {
		Map<ContentMetadata, Object> metadata = content.metadata();
		Object score = (metadata != null) ? metadata.get(ContentMetadata.SCORE) : null;
		return (score instanceof Number number) ? number.doubleValue() : Double.NaN;
	}

	private static String source(Content content, int index) {
		TextSegment segment = content.textSegment();
		Metadata metadata = (segment != null) ? segment.metadata() : null;
		if (metadata != null) {
			for (String key : SOURCE_KEYS) {
				if (metadata.containsKey(key)) {
					Object value;
					try {
						value = metadata.getString(key);
					}
					catch (RuntimeException notText) {
						// an id of another type: read as it is, once
						value = metadata.toMap().get(key);
					}
					if (value != null) {
						return cut(String.valueOf(value));
					}
				}
			}
		}
		Map<ContentMetadata, Object> scores = content.metadata();
		Object id = (scores != null) ? scores.get(ContentMetadata.EMBEDDING_ID) : null;
		return (id != null) ? cut(String.valueOf(id)) : "#" + index;
	}

	private static String cut(String value) {
		return (value.length() > MAX_SOURCE_CHARS) ? value.substring(0, MAX_SOURCE_CHARS) : value;
	}

	/** The segments' texts and their metadata's values (URLs, prices, names, ids), bounded like the evidence. */
	private static List<String> evidence(List<Content> contents) {
		List<String> texts = new ArrayList<>();
		int chars = 0;
		for (Content content : contents) {
			TextSegment segment = (content != null) ? content.textSegment() : null;
			if (segment == null) {
				continue;
			}
			if (chars >= Evidence.MAX_CHARS) {
				break;
			}
			String text = (segment.text() != null) ? segment.text() : "";
			text = (text.length() > Evidence.MAX_CHARS - chars) ? text.substring(0, Evidence.MAX_CHARS - chars) : text;
			texts.add(text);
			chars += text.length();
			if (segment.metadata() != null) {
				for (Object value : segment.metadata().toMap().values()) {
					String written = String.valueOf(value);
					if (chars + written.length() <= Evidence.MAX_CHARS) {
						texts.add(written);
						chars += written.length();
					}
				}
			}
		}
		return texts;
	}

	@Override
	public ContentRetriever addListener(ContentRetrieverListener listener) {
		return rewrap(this.delegate.addListener(listener));
	}

	@Override
	public ContentRetriever addListeners(Collection<ContentRetrieverListener> listeners) {
		return rewrap(this.delegate.addListeners(listeners));
	}

	private ContentRetriever rewrap(ContentRetriever listening) {
		return (listening == this.delegate) ? this
				: new ObservedContentRetriever(listening, this.name, this.steps, this.policy, this.failures);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
