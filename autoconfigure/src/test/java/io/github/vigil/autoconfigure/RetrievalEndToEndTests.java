package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.input.PromptTemplate;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.injector.DefaultContentInjector;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A RAG support agent as LangChain4j's documentation builds one, in a Spring Boot application served over HTTP: its
 * embedding model, embedding store and content retriever are beans, and the AI service uses them through a
 * retrieval augmentor with a content injector of its own that leaves the retrieved text out of the prompt. With no
 * Vigil code in the application, each request's run has its retrieval with the search and the embedding call inside
 * it, the retrieved text backs the answer, the meters count it, and a collection emptied by a re-index shows as
 * empty retrievals and answers without evidence.
 */
@SpringBootTest(classes = RetrievalEndToEndTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus,vigil", "vigil.alerts.enabled=false",
				"vigil.triage.replay.enabled=true" })
class RetrievalEndToEndTests {

	static final String RETURNS_URL = "https://shop.example.com/help/returns-30";

	interface SupportAgent {

		String chat(String message);

	}

	/** The model answers with the returns link, as a model that read the policy would. */
	static class PolicyModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from("Start your return at " + RETURNS_URL + " within 30 days."))
				.modelName("gpt-4o-mini")
				.tokenUsage(new TokenUsage(50, 15))
				.build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		EmbeddingModel embeddingModel() {
			return new AllMiniLmL6V2EmbeddingModel();
		}

		@Bean
		InMemoryEmbeddingStore<TextSegment> policyStore(EmbeddingModel embeddingModel) {
			InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
			ingest(store, embeddingModel);
			return store;
		}

		@Bean
		ContentRetriever policies(EmbeddingStore<TextSegment> policyStore, EmbeddingModel embeddingModel) {
			return EmbeddingStoreContentRetriever.builder()
				.embeddingStore(policyStore)
				.embeddingModel(embeddingModel)
				.maxResults(2)
				.minScore(0.5)
				.build();
		}

		@Bean
		PolicyModel chatModel() {
			return new PolicyModel();
		}

		@Bean
		SupportAgent supportAgent(ChatModel chatModel, ContentRetriever policies) {
			return AiServices.builder(SupportAgent.class)
				.chatModel(chatModel)
				.retrievalAugmentor(DefaultRetrievalAugmentor.builder()
					.contentRetriever(policies)
					.contentInjector(DefaultContentInjector.builder()
						.promptTemplate(PromptTemplate.from("{{userMessage}}"))
						.build())
					.build())
				.build();
		}

		@Bean
		ChatController chatController(SupportAgent agent) {
			return new ChatController(agent);
		}

	}

	static void ingest(EmbeddingStore<TextSegment> store, EmbeddingModel embeddingModel) {
		EmbeddingStoreIngestor.builder()
			.embeddingModel(embeddingModel)
			.embeddingStore(store)
			.build()
			.ingest(List.of(
					Document.from("Items can be returned within 30 days of delivery. Start a return at " + RETURNS_URL,
							Metadata.from("file_name", "returns.md")),
					Document.from("Standard shipping takes 3 to 5 business days.",
							Metadata.from("file_name", "shipping.md"))));
	}

	@RestController
	static class ChatController {

		private final SupportAgent agent;

		ChatController(SupportAgent agent) {
			this.agent = agent;
		}

		@PostMapping("/chat")
		String chat(@RequestBody String message) {
			return this.agent.chat(message);
		}

	}

	@RegisterExtension
	final RunLogLines runLog = new RunLogLines();

	@LocalServerPort
	int port;

	@Autowired
	InMemoryEmbeddingStore<TextSegment> policyStore;

	@Autowired
	EmbeddingStoreContentRetriever retrieverByItsOwnClass;

	@Autowired
	EmbeddingModel embeddingModel;

	private void reingest(EmbeddingStore<TextSegment> store) {
		ingest(store, this.embeddingModel);
	}

	private String post(String path, String body) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString())
			.body();
	}

	private String get(String path) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

	@Test
	void aRequestsRunHasItsRetrievalAndWhatWasRetrievedBacksTheAnswerThenAnEmptiedCollectionIsCaught()
			throws Exception {
		assertThat(post("/chat", "How do I return a jacket?")).contains(RETURNS_URL);

		JsonNode line = this.runLog.single();
		JsonNode retrieval = line.get("retrievals").get(0);
		assertThat(retrieval.get("retriever").asText()).isEqualTo("policies");
		assertThat(retrieval.get("outcome").asText()).isEqualTo("success");
		assertThat(retrieval.get("results").asInt()).isBetween(1, 2);
		assertThat(retrieval.get("top_score").asDouble()).isBetween(0.5, 1.0);
		assertThat(retrieval.get("sources").get(0).asText()).isEqualTo("returns.md");
		assertThat(line.get("vector_searches").get(0).get("store").asText()).isEqualTo("policyStore");
		assertThat(line.get("embeddings").get(0).get("dimension").asInt()).isEqualTo(384);
		assertThat(line.get("flags")).isEmpty();

		this.policyStore.removeAll();
		post("/chat", "How do I return a jacket?");

		JsonNode emptied = this.runLog.json(1);
		assertThat(emptied.get("retrievals").get(0).get("outcome").asText()).isEqualTo("empty");
		assertThat(emptied.get("flags")).extracting((flag) -> flag.get("kind").asText())
			.contains("answered_without_evidence", "url");

		String scrape = get("/actuator/prometheus");
		assertThat(scrape).contains(
				"vigil_step_duration_seconds_count{error_type=\"empty\",gen_ai_agent_name=\"SupportAgent\",outcome=\"error\",vigil_step_kind=\"retrieval\",vigil_step_name=\"policies\"} 1")
			.contains(
					"vigil_retrieval_results_bucket{gen_ai_agent_name=\"SupportAgent\",gen_ai_data_source_id=\"policies\",le=\"0.5\"} 1")
			.contains("vigil_hallucination_flags_total{gen_ai_agent_name=\"SupportAgent\",kind=\"answered_without_evidence\"} 1");

		// triage answers for the retriever as for a tool: which outcome, how many users, the failing queries
		ObjectMapper json = new ObjectMapper();
		JsonNode summary = json.readTree(get("/actuator/vigil/retrievers/policies"));
		assertThat(summary.get("retriever").asText()).isEqualTo("policies");
		assertThat(summary.get("retrievals").asInt()).isEqualTo(2);
		assertThat(summary.get("errors").asInt()).isEqualTo(1);
		assertThat(summary.get("error_types").get(0).get("type").asText()).isEqualTo("empty");
		assertThat(summary.get("users_affected").asInt()).isEqualTo(1);
		assertThat(summary.get("failures_path").asText()).endsWith("/retrievers/policies/failures");
		JsonNode failure = json.readTree(get("/actuator/vigil/retrievers/policies/failures")).get("failures").get(0);
		assertThat(failure.get("query").asText()).isEqualTo("How do I return a jacket?");
		assertThat(failure.get("error_type").asText()).isEqualTo("empty");

		// the waterfall keeps what the retrieval found; replaying it runs the query against the live retriever
		JsonNode run = json.readTree(get("/actuator/vigil/runs/" + emptied.get("run_id").asText()));
		assertThat(run.toString()).contains("\"kind\":\"retrieval\"");
		int index = failure.get("step").asInt();
		JsonNode replay = json.readTree(post("/actuator/vigil/runs/" + failure.get("run_id").asText() + "/steps/"
				+ index + "/replay", ""));
		assertThat(replay.get("recorded").get("error_type").asText()).isEqualTo("empty");
		assertThat(replay.get("replayed").get("error_type").asText()).isEqualTo("empty");
		reingest(this.policyStore);
		JsonNode fixed = json.readTree(post("/actuator/vigil/runs/" + failure.get("run_id").asText() + "/steps/"
				+ index + "/replay", ""));
		assertThat(fixed.get("replayed").get("outcome").asText()).isEqualTo("success");
		assertThat(fixed.get("replayed").get("result_excerpt").asText()).contains("returns.md");
	}

	@Autowired
	io.github.vigil.Vigil vigil;

	@Test
	void aBeanTheStarterObservesIsNotObservedTwiceWhenTheApplicationObservesItToo() {
		assertThat(this.vigil.observe(this.retrieverByItsOwnClass)).isSameAs(this.retrieverByItsOwnClass);
		assertThat(this.vigil.observe(this.policyStore)).isSameAs(this.policyStore);
	}

	@Test
	void theBeansKeepTheirOwnClassesAndTheStoreItsOtherMethods() {
		assertThat(this.retrieverByItsOwnClass).isInstanceOf(EmbeddingStoreContentRetriever.class);
		assertThat(this.policyStore).isInstanceOf(InMemoryEmbeddingStore.class);
		assertThat(this.policyStore.serializeToJson()).startsWith("{");
	}

}
