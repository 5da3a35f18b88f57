package io.github.vigil.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.vigil.Vigil;
import io.github.vigil.observation.VigilMeterObservationHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What observing a retrieval adds, paired with the bare retrieval in the same run: an
 * {@code EmbeddingStoreContentRetriever} over an in-memory store of {@code segments} segments of 64 dimensions, each
 * with a file name (an
 * embedding model that costs nothing, so what is measured is the retrieval's own work and Vigil's), returning up to
 * {@code maxResults}. {@code observedRetriever} observes the retriever alone; {@code observedAll} the retriever, the
 * store and the model, so each retrieval is three steps.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RetrievalBenchmark -prof gc -prof io.github.vigil.benchmarks.ProcessCpuProfiler
 * </pre>
 * Vigil as users run it: every default on, a Prometheus registry and an {@code ObservationRegistry} set up as Spring
 * Boot sets it up with Actuator.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
public class RetrievalBenchmark {

	@Param({ "200" })
	int segments;

	@Param({ "5", "50" })
	int maxResults;

	private Vigil vigil;

	private ContentRetriever bare;

	private ContentRetriever observedRetriever;

	private ContentRetriever observedAll;

	private final Query query = Query.from("How long do I have to return a jacket?");

	/** Embeds a text as 64 numbers taken from its characters: cheap, deterministic, and different per text. */
	static final class CharacterModel implements EmbeddingModel {

		@Override
		public Response<List<Embedding>> embedAll(List<TextSegment> texts) {
			List<Embedding> embeddings = new ArrayList<>(texts.size());
			for (TextSegment text : texts) {
				float[] vector = new float[64];
				String value = text.text();
				for (int i = 0; i < value.length(); i++) {
					vector[i % 64] += value.charAt(i) % 17;
				}
				embeddings.add(Embedding.from(vector));
			}
			return Response.from(embeddings);
		}

	}

	@Setup(Level.Trial)
	public void setUp() {
		// the registries as Spring Boot sets them up with Actuator: Prometheus, and the meter handlers in one
		// first-matching group, Vigil's first
		MeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig()
			.observationHandler(new ObservationHandler.FirstMatchingCompositeObservationHandler(
					new VigilMeterObservationHandler(), new DefaultMeterObservationHandler(meters)));
		this.vigil = Vigil.builder(meters).observationRegistry(observations).build();
		EmbeddingModel model = new CharacterModel();
		InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
		for (int i = 0; i < this.segments; i++) {
			TextSegment segment = TextSegment.from("Policy " + i + ": items of kind " + (i * 7919 % 101)
					+ " can be returned within " + (i % 60) + " days at https://shop.example.com/help/" + i,
					Metadata.from("file_name", "policy-" + i + ".md"));
			store.add(model.embed(segment).content(), segment);
		}
		this.bare = EmbeddingStoreContentRetriever.builder()
			.embeddingStore(store)
			.embeddingModel(model)
			.maxResults(this.maxResults)
			.build();
		this.observedRetriever = this.vigil.observe(this.bare, "policies");
		this.observedAll = this.vigil.observe(EmbeddingStoreContentRetriever.builder()
			.embeddingStore(this.vigil.observe(store, "policies"))
			.embeddingModel(this.vigil.observe(model))
			.maxResults(this.maxResults)
			.build(), "policies");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.vigil.close();
	}

	@Benchmark
	public List<Content> bare() {
		return this.bare.retrieve(this.query);
	}

	@Benchmark
	public List<Content> observedRetriever() {
		return this.observedRetriever.retrieve(this.query);
	}

	@Benchmark
	public List<Content> observedAll() {
		return this.observedAll.retrieve(this.query);
	}

}
