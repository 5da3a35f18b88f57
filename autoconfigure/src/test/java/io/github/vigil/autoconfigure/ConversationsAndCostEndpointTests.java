package io.github.vigil.autoconfigure;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.invocation.InvocationParameters;
import io.github.vigil.Vigil;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static io.github.vigil.autoconfigure.TriageEndpointTests.call;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations and cost, as the console and the on-call engineer ask for them: a user's conversations, one
 * conversation's runs in order, the cost per agent, model and user over a range, and clear answers to bad ranges and
 * unknown conversations.
 */
@SpringBootTest(classes = ConversationsAndCostEndpointTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false",
				"vigil.instance.version=3.1.0", "vigil.cost.prices[priced-model].input=1.00",
				"vigil.cost.prices[priced-model].output=4.00" })
class ConversationsAndCostEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	SupportAgent agent;

	@Autowired
	Vigil vigil;

	@BeforeEach
	void conversations() {
		// ana has two conversations of two and one turns, ben one of one turn
		this.agent.chat("ana-1", "Where is ORD-1?", InvocationParameters.from("userId", "ana"));
		this.agent.chat("ana-1", "And ORD-2?", InvocationParameters.from("userId", "ana"));
		this.agent.chat("ana-2", "Cancel ORD-3", InvocationParameters.from("userId", "ana"));
		this.agent.chat("ben-1", "Refund ORD-4", InvocationParameters.from("userId", "ben"));
		this.vigil.flushRuns(Duration.ofSeconds(5));
	}

	@Test
	void aUsersConversationsAreListedLatestFirstWithTheirRunsAndCost() throws Exception {
		JsonNode body = call(this.port, "GET", "/actuator/vigil/conversations?user=ana&range=1h", "", 200);

		assertThat(body.get("user_id").asText()).isEqualTo("ana");
		JsonNode conversations = body.get("conversations");
		assertThat(conversations).extracting((c) -> c.get("memory_id").asText()).startsWith("ana-2", "ana-1")
			.doesNotContain("ben-1");
		JsonNode first = conversations.get(1);
		assertThat(first.get("user_id").asText()).isEqualTo("ana");
		assertThat(first.get("runs").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(first.get("tokens").asLong()).isGreaterThanOrEqualTo(2 * 150);
		assertThat(first.get("cost").decimalValue()).isPositive();
	}

	@Test
	void aConversationsRunsComeInOrderWithTheirVersion() throws Exception {
		JsonNode body = call(this.port, "GET", "/actuator/vigil/conversations/ben-1", "", 200);

		assertThat(body.get("memory_id").asText()).isEqualTo("ben-1");
		assertThat(body.get("user_id").asText()).isEqualTo("ben");
		JsonNode run = body.get("runs").get(0);
		assertThat(run.get("outcome").asText()).isEqualTo("completed");
		assertThat(run.get("version").asText()).isEqualTo("3.1.0");
		assertThat(run.get("tokens_used").asLong()).isEqualTo(150);
	}

	@Test
	void costIsSplitByAgentModelAndUser() throws Exception {
		JsonNode cost = call(this.port, "GET", "/actuator/vigil/cost?range=1h", "", 200);

		assertThat(cost.get("range").asText()).isEqualTo("1h");
		assertThat(cost.get("by_agent").get(0).get("key").asText()).isEqualTo("SupportAgent");
		assertThat(cost.get("by_model").get(0).get("key").asText()).isEqualTo("priced-model");
		assertThat(cost.get("by_model").get(0).get("currency").asText()).isEqualTo("USD");
		JsonNode users = cost.get("by_user");
		assertThat(users.get(0).get("key").asText()).as("ana ran more, so cost more").isEqualTo("ana");
		assertThat(users.get(0).get("cost").decimalValue()).isGreaterThan(users.get(1).get("cost").decimalValue());
	}

	@Test
	void badRangesAndUnknownConversationsGetClearAnswers() throws Exception {
		assertThat(call(this.port, "GET", "/actuator/vigil/conversations/nobody", "", 404).get("error").asText())
			.isEqualTo("no stored runs in conversation nobody");
		for (String range : new String[] { "0s", "40d", "forever", "-5m" }) {
			for (String section : new String[] { "console", "cost", "conversations" }) {
				assertThat(call(this.port, "GET", "/actuator/vigil/" + section + "?range=" + range, "", 400).get("error")
					.asText()).as(section + "?range=" + range).contains("range");
			}
		}
		assertThat(call(this.port, "GET", "/actuator/vigil/conversations?limit=0", "", 400).get("error").asText())
			.contains("limit");
	}

	interface SupportAgent {

		String chat(@MemoryId String conversation, @UserMessage String message, InvocationParameters parameters);

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ChatModel chatModel() {
			return new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from("It is on its way."))
						.modelName("priced-model")
						.tokenUsage(new TokenUsage(100, 50))
						.build();
				}
			};
		}

		@Bean
		SupportAgent supportAgent(ChatModel chatModel) {
			return AiServices.builder(SupportAgent.class)
				.chatModel(chatModel)
				.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(10))
				.build();
		}

	}

}
