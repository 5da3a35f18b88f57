package io.github.vigil.retrieval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.grounding.Flag;
import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.grounding.RetrievalGrounding;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.observation.OtherStepObservationContext;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StepRecord;
import io.github.vigil.store.Triage;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A support desk's knowledge base as LangChain4j's documentation builds one (documents embedded with an in-process
 * model into an in-memory store, behind an {@code EmbeddingStoreContentRetriever} an AI service uses), observed with
 * one call per part: every retrieval is a step of its run with its embedding call and store search nested in it, an
 * emptied collection is an {@code empty} retrieval like the HTML page was a failed tool call, and what was retrieved
 * backs the answer.
 */
class RetrievalStepsTests {

	private static final String POLICY_URL = "https://shop.example.com/help/returns-30";

	private static EmbeddingModel minilm;

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final List<Observation.Context> spans = new CopyOnWriteArrayList<>();

	private final Vigil vigil;

	private final EmbeddingStore<TextSegment> policies = new InMemoryEmbeddingStore<>();

	RetrievalStepsTests() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				RetrievalStepsTests.this.spans.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		this.vigil = Vigil.builder(this.registry).observationRegistry(observations).sink(this.runs).build();
	}

	@BeforeAll
	static void loadTheModel() {
		minilm = new AllMiniLmL6V2EmbeddingModel();
	}

	@AfterEach
	void close() {
		this.vigil.close();
	}

	private void ingestPolicies() {
		EmbeddingStoreIngestor.builder()
			.embeddingModel(minilm)
			.embeddingStore(this.policies)
			.build()
			.ingest(List.of(
					Document.from("Items can be returned within 30 days of delivery for a full refund. "
							+ "Start a return at " + POLICY_URL, Metadata.from("file_name", "returns.md")),
					Document.from("Standard shipping takes 3 to 5 business days; express shipping takes 1 day.",
							Metadata.from("file_name", "shipping.md")),
					Document.from("Electronics carry a two-year warranty against manufacturing defects.",
							Metadata.from("file_name", "warranty.md"))));
	}

	/** The chat model answers what it is told to and keeps the requests it got. */
	static final class Answering implements ChatModel {

		private final String answer;

		final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

		Answering(String answer) {
			this.answer = answer;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			this.requests.add(request);
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(this.answer))
				.modelName("gpt-4o-mini")
				.tokenUsage(new TokenUsage(40, 12))
				.build();
		}

	}

	private ContentRetriever retriever(double minScore) {
		return this.vigil.observe(EmbeddingStoreContentRetriever.builder()
			.embeddingStore(this.vigil.observe(this.policies, "policies"))
			.embeddingModel(this.vigil.observe(minilm))
			.maxResults(3)
			.minScore(minScore)
			.build(), "policies");
	}

	private Assistant assistant(ChatModel model, ContentRetriever retriever) {
		return AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(model))
			.contentRetriever(retriever)
			.build();
	}

	private JsonNode runLog(RunRecord run) throws Exception {
		return new ObjectMapper().readTree(new JsonRunLog(new ContentRedactor(500, true)).format(run));
	}

	@Test
	void aRetrievalIsAStepOfItsRunWithItsEmbeddingCallAndStoreSearchInsideIt() throws Exception {
		ingestPolicies();
		assistant(new Answering("You can return it within 30 days."), retriever(0.5))
			.chat("How long do I have to return a jacket?");

		RunRecord run = this.runs.single();
		assertThat(run.steps()).extracting((step) -> step.kind().name())
			.containsExactlyInAnyOrder("retrieval", "embedding", "vector_search");
		StepRecord retrieval = step(run, "retrieval");
		assertThat(retrieval.name()).isEqualTo("policies");
		assertThat(retrieval.succeeded()).isTrue();
		Retrieved retrieved = retrieval.facts().get(Retrieved.class);
		assertThat(retrieved.results()).isBetween(1, 3);
		assertThat(retrieved.topScore()).isGreaterThanOrEqualTo(0.5).isLessThanOrEqualTo(1.0);
		assertThat(retrieved.maxResults()).isEqualTo(3);
		assertThat(retrieved.minScore()).isEqualTo(0.5);
		assertThat(retrieved.sources()).contains("returns.md");
		assertThat(step(run, "embedding").facts().get(Embedded.class).dimension()).isEqualTo(384);

		JsonNode line = runLog(run).get("retrievals").get(0);
		assertThat(line.get("retriever").asText()).isEqualTo("policies");
		assertThat(line.get("outcome").asText()).isEqualTo("success");
		assertThat(line.get("results").asInt()).isEqualTo(retrieved.results());
		assertThat(line.get("top_score").asDouble()).isEqualTo(retrieved.topScore());
		assertThat(line.get("latency_ms").isNumber()).isTrue();
		assertThat(line.get("sources").get(0).asText()).isEqualTo("returns.md");

		OtherStepObservationContext retrievalSpan = span("retrieval");
		OtherStepObservationContext searchSpan = span("vector_search");
		OtherStepObservationContext embeddingSpan = span("embedding");
		assertThat(retrievalSpan.getContextualName()).isEqualTo("retrieval policies");
		assertThat(retrievalSpan.getLowCardinalityKeyValue("gen_ai.data_source.id").getValue()).isEqualTo("policies");
		assertThat(retrievalSpan.getHighCardinalityKeyValue("gen_ai.retrieval.top_k").getValue()).isEqualTo("3");
		assertThat(retrievalSpan.getParentObservation().getContextView().getName()).isEqualTo("gen_ai.invoke_agent");
		assertThat(searchSpan.getParentObservation().getContextView()).isSameAs(retrievalSpan);
		assertThat(embeddingSpan.getParentObservation().getContextView()).isSameAs(retrievalSpan);
		assertThat(searchSpan.getLowCardinalityKeyValue("db.system.name").getValue()).isEqualTo("inmemory");
		assertThat(embeddingSpan.getContextualName()).startsWith("embeddings ");

		assertThat(this.registry.get("vigil.step.duration")
			.tags("vigil.step.kind", "retrieval", "vigil.step.name", "policies", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get(RetrievalMeters.RETRIEVAL_RESULTS)
			.tags("gen_ai.data_source.id", "policies", "gen_ai.agent.name", "Assistant")
			.summary()
			.totalAmount()).isEqualTo(retrieved.results());
	}

	@Test
	void anEmptiedCollectionIsAnEmptyRetrievalAndAnAnswerWithSpecificsNothingBacksIsFlagged() throws Exception {
		ingestPolicies();
		this.policies.removeAll();
		assistant(new Answering("Returns cost a $15 restocking fee, see https://shop.example.com/help/fees"),
				retriever(0.5))
			.chat("How long do I have to return a jacket?");

		RunRecord run = this.runs.single();
		StepRecord retrieval = step(run, "retrieval");
		assertThat(retrieval.errorType()).isEqualTo(RetrievalOutcomes.EMPTY);
		assertThat(retrieval.errorMessage()).isEqualTo("nothing retrieved at or above the minimum score 0.5");
		assertThat(step(run, "vector_search").errorType()).isEqualTo(RetrievalOutcomes.EMPTY);
		assertThat(runLog(run).get("retrievals").get(0).get("outcome").asText()).isEqualTo("empty");
		assertThat(run.fact(GroundingOutcome.class).flags()).extracting(Flag::kind)
			.contains(Flag.ANSWERED_WITHOUT_EVIDENCE, Flag.PRICE, Flag.URL);
		assertThat(this.registry.get("vigil.step.duration")
			.tags("vigil.step.kind", "retrieval", "outcome", "error", "error.type", "empty")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("vigil.hallucination.flags").tags("kind", "answered_without_evidence").counter()
			.count()).isEqualTo(1);
	}

	@Test
	void whatWasRetrievedBacksTheAnswerWhateverTheContentInjectorPutsInThePrompt() {
		ingestPolicies();
		Answering model = new Answering("Start your return at " + POLICY_URL + " within 30 days.");
		// an injector that leaves the retrieved text out of the prompt: the check has it from the retrieval itself
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(model))
			.retrievalAugmentor(DefaultRetrievalAugmentor.builder()
				.contentRetriever(retriever(0.5))
				.contentInjector(DefaultContentInjector.builder()
					.promptTemplate(dev.langchain4j.model.input.PromptTemplate.from("{{userMessage}}"))
					.build())
				.build())
			.build();

		assistant.chat("How do I return a jacket?");

		assertThat(((UserMessage) model.requests.get(0).messages().get(0)).singleText()).doesNotContain(POLICY_URL);
		RunRecord run = this.runs.single();
		assertThat(run.fact(GroundingOutcome.class).flags()).isEmpty();
		RetrievalGrounding grounding = run.fact(RetrievalGrounding.class);
		assertThat(grounding.retrievals()).isEqualTo(1);
		assertThat(grounding.items()).isEqualTo(1);
		assertThat(grounding.backed()).isEqualTo(1);
		assertThat(grounding.share()).isEqualTo(1.0);
		this.vigil.flushScores(Duration.ofSeconds(5));
		assertThat(this.registry.get("vigil.eval.score").tags("scorer", "grounded-in-retrieval").summary().mean())
			.isEqualTo(1.0);
	}

	@Test
	void aUrlFoundNowhereIsStillFlaggedWithEvidenceRetrieved() {
		ingestPolicies();
		assistant(new Answering("See https://shop.example.com/help/made-up for details."), retriever(0.5))
			.chat("How do I return a jacket?");

		RunRecord run = this.runs.single();
		assertThat(run.fact(GroundingOutcome.class).flags()).extracting(Flag::kind).containsExactly(Flag.URL);
		assertThat(run.fact(RetrievalGrounding.class).share()).isZero();
	}

	@Test
	void aQueryEmbeddedByAModelOfAnotherDimensionIsADimensionMismatchAndTheCallerGetsTheStoresException() {
		ingestPolicies();
		EmbeddingModel other = new ThreeDimensions();
		ContentRetriever retriever = this.vigil.observe(EmbeddingStoreContentRetriever.builder()
			.embeddingStore(this.vigil.observe(this.policies, "policies"))
			.embeddingModel(this.vigil.observe(other))
			.build(), "policies");
		ContentRetriever bare = EmbeddingStoreContentRetriever.builder()
			.embeddingStore(this.policies)
			.embeddingModel(other)
			.build();

		Throwable observed = catchThrowable(() -> assistant(new Answering("x"), retriever).chat("Returns?"));
		Throwable without = catchThrowable(() -> AiServices.builder(Assistant.class)
			.chatModel(new Answering("x"))
			.contentRetriever(bare)
			.build()
			.chat("Returns?"));

		assertThat(observed).isNotNull().hasSameClassAs(without).hasMessage(without.getMessage());
		RunRecord run = this.runs.single();
		assertThat(step(run, "retrieval").errorType()).isEqualTo(RetrievalOutcomes.DIMENSION_MISMATCH);
		assertThat(step(run, "vector_search").errorType()).isEqualTo(RetrievalOutcomes.DIMENSION_MISMATCH);
		assertThat(run.outcome().value()).isEqualTo("error");
	}

	@Test
	void embeddingCallsCountTheirTokensAndCostInTheConventionsHistograms() {
		EmbeddingModel priced = this.vigil.observe(new ThreeDimensions());
		priced.embed("one");
		priced.embed("two");

		assertThat(this.registry.get("gen_ai.client.inference.usage.input_tokens")
			.tags("gen_ai.operation.name", "embeddings", "gen_ai.request.model", "text-embedding-3-small")
			.counter()
			.count()).isEqualTo(2 * ThreeDimensions.TOKENS);
		assertThat(this.registry.get("gen_ai.client.operation.cost")
			.tags("gen_ai.operation.name", "embeddings", "gen_ai.request.model", "text-embedding-3-small")
			.summary()
			.totalAmount()).isCloseTo(2 * ThreeDimensions.TOKENS * 0.02 / 1_000_000, org.assertj.core.data.Offset.offset(1e-12));
		assertThat(this.registry.get("vigil.step.duration").tags("vigil.step.kind", "embedding").timer().count())
			.isEqualTo(2);
	}

	@Test
	void probingAnEmptySearchTellsBelowThresholdFromEmptyWhenAskedTo() {
		Vigil probing = Vigil.builder(new SimpleMeterRegistry())
			.sink(this.runs)
			.retrievalPolicy(RetrievalPolicy.DEFAULTS.withProbeEmptySearches(true))
			.build();
		try {
			ingestPolicies();
			ContentRetriever strict = probing.observe(EmbeddingStoreContentRetriever.builder()
				.embeddingStore(probing.observe(this.policies, "policies"))
				.embeddingModel(minilm)
				.minScore(0.99)
				.build(), "policies");
			AiServices.builder(Assistant.class)
				.chatModel(probing.observe(new Answering("I do not know.")))
				.contentRetriever(strict)
				.build()
				.chat("What is the capital of France?");

			StepRecord retrieval = step(this.runs.single(), "retrieval");
			assertThat(retrieval.errorType()).isEqualTo(RetrievalOutcomes.BELOW_THRESHOLD);
			assertThat(retrieval.errorMessage()).startsWith("nothing scored at or above the minimum score 0.99; the best was 0.");
		}
		finally {
			probing.close();
		}
	}

	@Test
	void aCollectionEmptiedForAllItsRetrievalsFiresTheRetrievalEmptyRateAlertAndItsRecoveryResolvesIt() {
		ingestPolicies();
		Assistant assistant = assistant(new Answering("Within 30 days."), retriever(0.5));
		for (int i = 0; i < 10; i++) {
			assistant.chat("How long do I have to return a jacket?");
		}
		AlertEvaluator.of(this.vigil).evaluate();
		assertThat(AlertEvaluator.of(this.vigil).active()).isEmpty();

		this.policies.removeAll();
		for (int i = 0; i < 12; i++) {
			assistant.chat("How long do I have to return a jacket?");
		}
		AlertEvaluator.of(this.vigil).evaluate();

		assertThat(AlertEvaluator.of(this.vigil).active()).singleElement().satisfies((alert) -> {
			assertThat(alert.alert()).isEqualTo("retrieval-empty-rate");
			assertThat(alert.subject()).isEqualTo("policies");
			assertThat(alert.summary()).isEqualTo("Retriever policies found nothing in 54.5% of 22 retrievals in the last 5 minutes");
		});
	}

	@Test
	void theStoreKeepsRetrievalsOnTheRunsTimeline() {
		ingestPolicies();
		assistant(new Answering("Within 30 days."), retriever(0.5)).chat("How long do I have to return a jacket?");
		this.vigil.flushRuns(Duration.ofSeconds(5));

		// the in-process model has no model name: it is named by its class
		assertThat(Triage.of(this.vigil).run(this.runs.single().runId()).steps())
			.extracting((step) -> step.kind() + ":" + step.name())
			.containsExactly("retrieval:policies", "embedding:AllMiniLmL6V2EmbeddingModel", "vector_search:policies",
					"model:unknown");
	}

	private static Throwable catchThrowable(Runnable call) {
		try {
			call.run();
			return null;
		}
		catch (Throwable ex) {
			return ex;
		}
	}

	private StepRecord step(RunRecord run, String kind) {
		return run.steps().stream().filter((step) -> step.kind().name().equals(kind)).findFirst().orElseThrow();
	}

	private OtherStepObservationContext span(String kind) {
		return this.spans.stream()
			.filter(OtherStepObservationContext.class::isInstance)
			.map(OtherStepObservationContext.class::cast)
			.filter((context) -> context.getKind().name().equals(kind))
			.findFirst()
			.orElseThrow();
	}

	/** An embedding model of three dimensions that reports its token usage, priced as OpenAI's small model. */
	static final class ThreeDimensions implements EmbeddingModel {

		static final int TOKENS = 7;

		@Override
		public dev.langchain4j.model.output.Response<List<dev.langchain4j.data.embedding.Embedding>> embedAll(
				List<TextSegment> segments) {
			List<dev.langchain4j.data.embedding.Embedding> embeddings = new ArrayList<>();
			for (TextSegment segment : segments) {
				embeddings.add(dev.langchain4j.data.embedding.Embedding.from(new float[] { 1, segment.text().length(), 0 }));
			}
			return dev.langchain4j.model.output.Response.from(embeddings, new TokenUsage(TOKENS * segments.size(), 0));
		}

		@Override
		public String modelName() {
			return "text-embedding-3-small";
		}

	}

}
