package io.github.vigil.retrieval;

import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.ContentType;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.listener.EmbeddingModelListener;
import dev.langchain4j.model.embedding.request.EmbeddingParameter;
import dev.langchain4j.model.embedding.request.EmbeddingRequest;
import dev.langchain4j.model.embedding.request.EmbeddingRequestParameters;
import dev.langchain4j.model.embedding.response.EmbeddingResponse;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.metrics.ProviderNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.ModelUsage;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Steps;
import io.github.vigil.run.Usage;
import org.jspecify.annotations.Nullable;

/**
 * An embedding model that reports each call made on it as a step, named by the model; the child of the retrieval
 * it serves. Calls the model makes on itself are its own: one call, one step.
 */
final class ObservedEmbeddingModel implements EmbeddingModel, Observed {

	private final EmbeddingModel delegate;

	private final Steps steps;

	private final InternalFailures failures;

	private final String name;

	private final String provider;

	/** Reads the model's name and provider once, here: they name its steps and price them. */
	ObservedEmbeddingModel(EmbeddingModel delegate, Steps steps, InternalFailures failures) {
		this.delegate = delegate;
		this.steps = steps;
		this.failures = failures;
		this.name = nameOf(delegate);
		this.provider = providerOf(delegate);
	}

	@Override
	public EmbeddingResponse embed(EmbeddingRequest request) {
		return observe((request != null && request.inputs() != null) ? request.inputs().size() : 0,
				() -> this.delegate.embed(request), EmbeddingResponse::embeddings, EmbeddingResponse::tokenUsage);
	}

	@Override
	public Response<Embedding> embed(String text) {
		return observe(1, () -> this.delegate.embed(text), (response) -> List.of(response.content()),
				Response::tokenUsage);
	}

	@Override
	public Response<Embedding> embed(TextSegment textSegment) {
		return observe(1, () -> this.delegate.embed(textSegment), (response) -> List.of(response.content()),
				Response::tokenUsage);
	}

	@Override
	public Response<List<Embedding>> embedAll(List<TextSegment> textSegments) {
		return observe((textSegments != null) ? textSegments.size() : 0, () -> this.delegate.embedAll(textSegments),
				Response::content, Response::tokenUsage);
	}

	private <R> R observe(int inputs, Supplier<R> call, Function<R, List<Embedding>> embeddings,
			Function<R, TokenUsage> usage) {
		OpenStep step = start();
		if (step == null) {
			return call.get();
		}
		return Observing.around(step, call, (response) -> ended(step, inputs, response, embeddings, usage));
	}

	private @Nullable OpenStep start() {
		try {
			String model = this.name;
			OpenStep enclosing = Enclosing.current();
			OpenStep step = (enclosing != null) ? this.steps.startInside(enclosing, Retrievals.EMBEDDING, model)
					: this.steps.start(null, Retrievals.EMBEDDING, model);
			step.observation()
				.lowCardinalityKeyValue(TagKeys.REQUEST_MODEL, model)
				.lowCardinalityKeyValue(TagKeys.PROVIDER_NAME, this.provider);
			return step;
		}
		catch (RuntimeException ex) {
			this.failures.record("retrieval", ex);
			return null;
		}
	}

	private static String providerOf(EmbeddingModel model) {
		try {
			return ProviderNames.of(model.provider());
		}
		catch (RuntimeException ex) {
			return ProviderNames.of(null);
		}
	}

	private static String nameOf(EmbeddingModel model) {
		String name = null;
		try {
			name = model.modelName();
		}
		catch (RuntimeException ex) {
			// a model that cannot tell is named by its class
		}
		return (name == null || name.isBlank() || "unknown".equals(name)) ? Names.of(model) : Names.bounded(name);
	}

	private <R> void ended(OpenStep step, int inputs, @Nullable R response,
			Function<R, List<Embedding>> embeddings,
			Function<R, TokenUsage> usage) {
		try {
			List<Embedding> returned = (response != null) ? embeddings.apply(response) : null;
			Embedding first = (returned != null && !returned.isEmpty()) ? returned.get(0) : null;
			int dimension = (first != null && first.vector() != null) ? first.vector().length : 0;
			Usage used = Usage.of((response != null) ? usage.apply(response) : null);
			step.fact(new Embedded(inputs, dimension, used.reported() ? used.input() : -1));
			step.fact(new ModelUsage(step.name(), this.provider, used));
			step.observation().highCardinalityKeyValue("gen_ai.embeddings.dimension.count", String.valueOf(dimension));
			if (used.reported()) {
				step.observation().highCardinalityKeyValue("gen_ai.usage.input_tokens", String.valueOf(used.input()));
			}
			step.succeeded();
		}
		catch (RuntimeException ex) {
			this.failures.record("retrieval", ex);
			step.succeeded();
		}
	}

	@Override
	public List<EmbeddingModelListener> listeners() {
		return this.delegate.listeners();
	}

	@Override
	public ModelProvider provider() {
		return this.delegate.provider();
	}

	@Override
	public EmbeddingResponse doEmbed(EmbeddingRequest request) {
		return this.delegate.doEmbed(request);
	}

	@Override
	public EmbeddingRequestParameters defaultRequestParameters() {
		return this.delegate.defaultRequestParameters();
	}

	@Override
	public Set<EmbeddingParameter<?>> supportedParameters() {
		return this.delegate.supportedParameters();
	}

	@Override
	public Set<ContentType> supportedContentTypes() {
		return this.delegate.supportedContentTypes();
	}

	@Override
	public int dimension() {
		return this.delegate.dimension();
	}

	@Override
	public String modelName() {
		return this.delegate.modelName();
	}

	@Override
	public EmbeddingModel addListener(EmbeddingModelListener listener) {
		return rewrap(this.delegate.addListener(listener));
	}

	@Override
	public EmbeddingModel addListeners(List<EmbeddingModelListener> listeners) {
		return rewrap(this.delegate.addListeners(listeners));
	}

	private EmbeddingModel rewrap(EmbeddingModel listening) {
		return (listening == this.delegate) ? this : new ObservedEmbeddingModel(listening, this.steps, this.failures);
	}

	@Override
	public String toString() {
		return this.delegate.toString();
	}

}
