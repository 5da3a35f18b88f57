package io.github.vigil.sample.agent;

import java.math.BigDecimal;
import java.time.Duration;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.rag.DefaultRetrievalAugmentor;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import io.github.vigil.sample.orders.Orders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model, the policies knowledge base and the agent, built with plain LangChain4j. Vigil observes all of them
 * without any code here.
 */
@Configuration(proxyBeanMethods = false)
public class AgentConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(AgentConfiguration.class);

	@Bean
	OpenAiChatModel chatModel(@Value("${support.model.base-url}") String baseUrl,
			@Value("${support.model.api-key}") String apiKey, @Value("${support.model.name}") String model,
			@Value("${support.model.timeout:30s}") Duration timeout) {
		if (baseUrl.contains("/demo-model/")) {
			logger.warn("Using the OFFLINE DEMO MODEL at {}: a scripted stand-in served by this application, not a "
					+ "real LLM. Set OPENAI_BASE_URL, OPENAI_API_KEY and OPENAI_MODEL to use a real model.", baseUrl);
		}
		else {
			logger.info("Using the model {} at {}", model, baseUrl);
		}
		return OpenAiChatModel.builder()
			.baseUrl(baseUrl)
			.apiKey(apiKey)
			.modelName(model)
			.timeout(timeout)
			.maxRetries(0)
			.build();
	}

	@Bean
	RefundApprovalGuard refundApprovalGuard(@Value("${support.refunds.approval-limit:1000.00}") BigDecimal limit,
			Orders orders) {
		return new RefundApprovalGuard(limit, (id) -> orders.find(id).map(Orders.Order::total).orElse(null));
	}

	/** The in-process embedding model of the policies: it ships in its jar, no network. */
	@Bean
	EmbeddingModel policyEmbeddings() {
		return new AllMiniLmL6V2EmbeddingModel();
	}

	@Bean
	InMemoryEmbeddingStore<TextSegment> policyStore() {
		return new InMemoryEmbeddingStore<>();
	}

	@Bean
	Policies policyIndex(EmbeddingStore<TextSegment> policyStore, EmbeddingModel policyEmbeddings) {
		Policies policies = new Policies(policyStore, policyEmbeddings);
		policies.index();
		return policies;
	}

	/** The knowledge base the agent asks policy questions: the two best policies scoring at least 0.55. */
	@Bean
	ContentRetriever policies(EmbeddingStore<TextSegment> policyStore, EmbeddingModel policyEmbeddings,
			Policies policyIndex) {
		return EmbeddingStoreContentRetriever.builder()
			.embeddingStore(policyStore)
			.embeddingModel(policyEmbeddings)
			.maxResults(2)
			.minScore(0.55)
			.build();
	}

	@Bean
	SupportAgent supportAgent(ChatModel chatModel, OrderTools tools, ContentRetriever policies,
			@Value("${support.agent.prompt:current}") String prompt) {
		return agent(chatModel, tools, prompt, policies);
	}

	/**
	 * Builds the support agent with one of the shipped prompts.
	 * @param chatModel the model
	 * @param tools the orders tools
	 * @param prompt the prompt's name: {@code current} or {@code no-handover}
	 * @return the agent
	 */
	public static SupportAgent agent(ChatModel chatModel, OrderTools tools, String prompt) {
		return agent(chatModel, tools, prompt, null);
	}

	/**
	 * Builds the support agent with one of the shipped prompts and, when given, the policies for policy questions.
	 * @param chatModel the model
	 * @param tools the orders tools
	 * @param prompt the prompt's name
	 * @param policies the policies retriever, {@code null} for none
	 * @return the agent
	 */
	public static SupportAgent agent(ChatModel chatModel, OrderTools tools, String prompt,
			@Nullable ContentRetriever policies) {
		String system = prompt(prompt);
		AiServices<SupportAgent> agent = AiServices.builder(SupportAgent.class)
			.chatModel(chatModel)
			.systemMessageProvider((id) -> system)
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(60))
			.inputGuardrails(new NoCardNumbers())
			.tools(tools);
		if (policies != null) {
			agent.retrievalAugmentor(
					DefaultRetrievalAugmentor.builder().queryRouter(Policies.questionsTo(policies)).build());
		}
		return agent.build();
	}

	/**
	 * Reads a shipped prompt.
	 * @param name {@code current} or {@code no-handover}
	 * @return the prompt
	 * @throws IllegalArgumentException for another name
	 */
	public static String prompt(String name) {
		try (var in = AgentConfiguration.class.getResourceAsStream("/prompts/" + name + ".txt")) {
			if (in == null || !name.matches("[a-z-]+")) {
				throw new IllegalArgumentException("no prompt '" + name + "'; the shipped prompts are current and "
						+ "no-handover");
			}
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
