package io.github.vigil.retrieval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.vigil.Vigil;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.invocation.Invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.when;

/**
 * Retrievers, stores and embedding models behave exactly as without Vigil: the same scenario runs over the bare
 * objects and over observed ones, and the caller gets the same answer or exception while the user's objects (mocks)
 * get the same calls; whatever a retriever does (throw, return null, ten thousand segments, a segment of a megabyte,
 * scores that are not numbers, metadata of odd types) its run ends with one bounded run-log line and the step's
 * outcome.
 */
class RetrievalTransparencyTests {

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).sink(this.runs).build();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	/** What a scenario returned or threw, and the calls each mock got. */
	record Outcome(Object result, List<String> calls) {
	}

	/** The user's objects of one scenario, made bare or observed. */
	interface Parts {

		ContentRetriever retriever(ContentRetriever retriever);

		<T> EmbeddingStore<T> store(EmbeddingStore<T> store);

		EmbeddingModel model(EmbeddingModel model);

	}

	private Outcome run(Function<Parts, Object> scenario, boolean observed, List<Object> mocks) {
		Parts parts = new Parts() {
			@Override
			public ContentRetriever retriever(ContentRetriever retriever) {
				mocks.add(retriever);
				return observed ? RetrievalTransparencyTests.this.vigil.observe(retriever, "kb") : retriever;
			}

			@Override
			public <T> EmbeddingStore<T> store(EmbeddingStore<T> store) {
				mocks.add(store);
				return observed ? RetrievalTransparencyTests.this.vigil.observe(store, "kb") : store;
			}

			@Override
			public EmbeddingModel model(EmbeddingModel model) {
				mocks.add(model);
				return observed ? RetrievalTransparencyTests.this.vigil.observe(model) : model;
			}
		};
		Object result;
		try {
			result = scenario.apply(parts);
		}
		catch (Throwable ex) {
			result = ex.getClass().getName() + ": " + ex.getMessage();
		}
		List<String> calls = new ArrayList<>();
		for (Object part : mocks) {
			if (mockingDetails(part).isMock()) {
				for (Invocation invocation : mockingDetails(part).getInvocations()) {
					String method = invocation.getMethod().getName();
					// the one difference, documented: an embedding model's name and provider are read once, when it
					// is observed, to name and price its calls
					if (observed && part instanceof EmbeddingModel && (method.equals("modelName")
							|| method.equals("provider"))) {
						continue;
					}
					calls.add(method + invocation.getArguments().length);
				}
			}
		}
		return new Outcome(String.valueOf(result), calls);
	}

	private RunRecord assertSame(Function<Parts, Object> scenario) {
		Outcome without = run(scenario, false, new ArrayList<>());
		int before = this.runs.all().size();
		Outcome with = run(scenario, true, new ArrayList<>());
		assertThat(with).isEqualTo(without);
		assertThat(this.runs.all()).hasSize(before + 1);
		RunRecord run = this.runs.all().get(this.runs.all().size() - 1);
		String line = new JsonRunLog(new ContentRedactor(500, true)).format(run);
		assertThat(line).hasSizeLessThan(16 * 1024);
		return run;
	}

	private static ChatModel answering() {
		return new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder().aiMessage(AiMessage.from("Answered.")).build();
			}
		};
	}

	private RunRecord retrieving(Function<Query, List<Content>> contents) {
		// a fresh Vigil-observed chat model per scenario would change nothing: the retriever is what is compared
		return assertSame((parts) -> {
			ContentRetriever retriever = mock(ContentRetriever.class);
			when(retriever.retrieve(any())).thenAnswer((invocation) -> contents.apply(invocation.getArgument(0)));
			return AiServices.builder(Assistant.class)
				.chatModel(this.vigil.observe(answering()))
				.contentRetriever(parts.retriever(retriever))
				.build()
				.chat("How do returns work?");
		});
	}

	private static String outcome(RunRecord run) {
		return run.steps().get(0).succeeded() ? "success" : run.steps().get(0).errorType();
	}

	@Test
	void aRetrieverThatThrowsThrowsTheSameAndItsStepIsAnError() {
		RunRecord run = retrieving((query) -> {
			throw new IllegalStateException("index offline");
		});
		assertThat(outcome(run)).isEqualTo("IllegalStateException");
		assertThat(run.outcome().value()).isEqualTo("error");
	}

	@Test
	void aRetrieverThatThrowsAnErrorThrowsTheSameError() {
		RunRecord run = retrieving((query) -> {
			throw new AssertionError("broken");
		});
		assertThat(outcome(run)).isEqualTo("AssertionError");
		assertThat(run.outcome().value()).isEqualTo("error");
	}

	@Test
	void aRetrieverThatReturnsNullBehavesAsWithoutVigilAndIsEmpty() {
		RunRecord run = retrieving((query) -> null);
		assertThat(outcome(run)).isEqualTo(RetrievalOutcomes.EMPTY);
	}

	@Test
	void tenThousandSegmentsKeepTheLineBoundedAndTheSourcesToTen() {
		RunRecord run = retrieving((query) -> {
			List<Content> many = new ArrayList<>();
			for (int i = 0; i < 10_000; i++) {
				many.add(Content.from(TextSegment.from("policy " + i,
						dev.langchain4j.data.document.Metadata.from("file_name", "doc-" + i + ".md"))));
			}
			return many;
		});
		Retrieved retrieved = run.steps().get(0).facts().get(Retrieved.class);
		assertThat(retrieved.results()).isEqualTo(10_000);
		assertThat(retrieved.sources()).hasSize(10).startsWith("doc-0.md");
	}

	@Test
	void aSegmentOfAMegabyteIsBackingButNotLogged() {
		String big = "x".repeat(1024 * 1024);
		RunRecord run = retrieving((query) -> List.of(Content.from(TextSegment.from(big))));
		assertThat(outcome(run)).isEqualTo("success");
	}

	@Test
	void scoresThatAreNotNumbersAndMetadataOfOddTypesAreIgnoredOrWrittenAsText() {
		RunRecord run = retrieving((query) -> List.of(
				Content.from(TextSegment.from("a", new dev.langchain4j.data.document.Metadata().put("id", 42)),
						Map.of(ContentMetadata.SCORE, Double.NaN)),
				Content.from(TextSegment.from("b", new dev.langchain4j.data.document.Metadata().put("id", 4.2f)),
						Map.of(ContentMetadata.SCORE, Double.POSITIVE_INFINITY)),
				Content.from(TextSegment.from("c"), Map.of(ContentMetadata.SCORE, 0.8))));
		Retrieved retrieved = run.steps().get(0).facts().get(Retrieved.class);
		assertThat(retrieved.topScore()).isEqualTo(0.8);
		assertThat(retrieved.lowestScore()).isEqualTo(0.8);
		assertThat(retrieved.sources()).containsExactly("42", "4.2", "#2");
	}

	@Test
	void aStoreAndAModelGetTheSameCallsThroughTheRetrieverLangChain4jBuilds() {
		RunRecord run = assertSame((parts) -> {
			EmbeddingModel model = mock(EmbeddingModel.class);
			when(model.embed(any(String.class))).thenReturn(Response.from(Embedding.from(new float[] { 1, 0 })));
			@SuppressWarnings("unchecked")
			EmbeddingStore<TextSegment> store = mock(EmbeddingStore.class);
			when(store.search(any(EmbeddingSearchRequest.class))).thenReturn(new EmbeddingSearchResult<>(
					List.of(new EmbeddingMatch<>(0.9, "e-1", null, TextSegment.from("Returns within 30 days.")))));
			ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
				.embeddingStore(parts.store(store))
				.embeddingModel(parts.model(model))
				.maxResults(2)
				.build();
			return AiServices.builder(Assistant.class)
				.chatModel(this.vigil.observe(answering()))
				.contentRetriever(parts.retriever(retriever))
				.build()
				.chat("How do returns work?");
		});
		assertThat(run.steps()).extracting((step) -> step.kind().name())
			.containsExactlyInAnyOrder("retrieval", "embedding", "vector_search");
	}

	@Test
	void everyOtherMethodOfAStoreReachesTheStoreAsItIs() {
		assertSame((parts) -> {
			@SuppressWarnings("unchecked")
			EmbeddingStore<TextSegment> store = parts.store(mock(EmbeddingStore.class));
			store.add(Embedding.from(new float[] { 1 }));
			store.add("id", Embedding.from(new float[] { 1 }));
			store.addAll(List.of(Embedding.from(new float[] { 1 })));
			store.remove("id");
			store.removeAll(List.of("id"));
			store.removeAll();
			store.generateIds(2);
			ContentRetriever retriever = mock(ContentRetriever.class);
			when(retriever.retrieve(any())).thenReturn(Collections.emptyList());
			return AiServices.builder(Assistant.class)
				.chatModel(this.vigil.observe(answering()))
				.contentRetriever(parts.retriever(retriever))
				.build()
				.chat("How do returns work?");
		});
	}

}
