package io.github.vigil.sample;

import java.util.List;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.vigil.sample.agent.Policies;
import io.github.vigil.sample.demo.Conversations;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's policies knowledge base, as the agent asks it: every policy question of the demo finds the policy
 * that answers it, and questions about an order do not go to it.
 */
class PoliciesTests {

	@Test
	void everyPolicyQuestionOfTheDemoFindsAPolicyAndOrderQuestionsAreNotPolicyQuestions() {
		EmbeddingModel model = new AllMiniLmL6V2EmbeddingModel();
		InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
		new Policies(store, model).index();
		ContentRetriever retriever = EmbeddingStoreContentRetriever.builder()
			.embeddingStore(store)
			.embeddingModel(model)
			.maxResults(2)
			.minScore(0.55)
			.build();
		for (int n = 0; n < 16; n += 2) {
			String question = Conversations.policyQuestion(n);
			assertThat(Policies.isPolicyQuestion(question)).as(question).isTrue();
			List<Content> found = retriever.retrieve(Query.from(question));
			assertThat(found).as(question).isNotEmpty();
		}
		assertThat(Policies.documents()).hasSize(24);
		assertThat(Policies.isPolicyQuestion("Where is my order ORD-10042?")).isFalse();
		assertThat(Policies.isPolicyQuestion("I want a refund for ORD-10042.")).isFalse();
		assertThat(Policies.isPolicyQuestion("Has ORD-10042 shipped yet?")).isFalse();
	}

}
