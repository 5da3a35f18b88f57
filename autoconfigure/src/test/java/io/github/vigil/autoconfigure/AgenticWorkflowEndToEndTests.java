package io.github.vigil.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;
import io.github.vigil.Vigil;
import io.github.vigil.run.AgentRecord;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application with the starter and {@code vigil-agentic}, a two-agent workflow built with
 * {@code AgenticServices} as beans, and OpenAI played over HTTP: with no code for Vigil, each invocation of the
 * workflow is one run with both agents in it, and its steps are metered by sub-agent.
 */
@SpringBootTest(classes = AgenticWorkflowEndToEndTests.Application.class,
		properties = { "vigil.alerts.enabled=false", "vigil.evals.enabled=false" })
class AgenticWorkflowEndToEndTests {

	private static final WireMockServer openAi = startOpenAi();

	@Autowired
	UntypedAgent support;

	@Autowired
	Vigil vigil;

	@Autowired
	Runs runs;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void openAiBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("test.openai.base-url", () -> openAi.baseUrl() + "/v1");
	}

	@AfterAll
	static void stop() {
		openAi.stop();
	}

	private static WireMockServer startOpenAi() {
		WireMockServer server = new WireMockServer(0);
		server.start();
		OpenAiWireMock.stubAnswerAfterToolResult(server);
		OpenAiWireMock.stubToolCall(server, "lookupOrder");
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(4)
			.withRequestBody(containing("Classify this support request"))
			.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("""
					{"id":"chatcmpl-0","object":"chat.completion","created":1764230000,"model":"gpt-4o-mini-2024-07-18",
					 "choices":[{"index":0,"message":{"role":"assistant","content":"ORDER"},"finish_reason":"stop"}],
					 "usage":{"prompt_tokens":50,"completion_tokens":1,"total_tokens":51}}
					""")));
		return server;
	}

	@Test
	void aWorkflowOfAgentBeansIsOneRunWithBothAgentsAndNoCode() {
		Object answer = this.support.invoke(Map.of("request", "Where is ORD-10042? tool:lookupOrder", "userId", "u-9"));

		assertThat(answer).isEqualTo("Your order ORD-10042 has shipped.");
		this.vigil.flushRuns(Duration.ofSeconds(5));
		assertThat(this.runs.all).singleElement().satisfies((run) -> {
			assertThat(run.agent()).isEqualTo("support");
			assertThat(run.userId()).isEqualTo("u-9");
			assertThat(run.agents()).extracting(AgentRecord::name).containsExactly("triage", "orders");
			assertThat(run.agents().get(0).tokens()).isEqualTo(51);
			assertThat(run.agents().get(1).tokens()).isEqualTo(OpenAiWireMock.FIRST_PROMPT_TOKENS
					+ OpenAiWireMock.FIRST_COMPLETION_TOKENS + OpenAiWireMock.SECOND_PROMPT_TOKENS
					+ OpenAiWireMock.SECOND_COMPLETION_TOKENS);
			assertThat(run.totalTokens()).isEqualTo(run.agents().stream().mapToLong(AgentRecord::tokens).sum());
			assertThat(run.toolCalls()).extracting((call) -> call.tool()).containsExactly("lookupOrder");
		});
		assertThat(this.registry.get("gen_ai.client.operation.duration").tag("gen_ai.agent.name", "orders").timer()
			.count()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.invoke_workflow.duration").tag("gen_ai.workflow.name", "support").timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.find("gen_ai.invoke_agent.duration").tag("gen_ai.agent.name", "orders").timer())
			.isNull();
	}

	public interface Triage {

		@UserMessage("Classify this support request as ORDER or REFUND: {{request}}")
		@Agent(name = "triage", description = "Classifies a support request", outputKey = "category")
		String classify(@V("request") String request);

	}

	public interface Orders {

		@UserMessage("Answer the {{category}} request: {{request}}")
		@Agent(name = "orders", description = "Answers questions about orders", outputKey = "answer")
		String answer(@V("category") String category, @V("request") String request);

	}

	public static class OrderTools {

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

	}

	static final class Runs implements RunSink {

		final List<RunRecord> all = new CopyOnWriteArrayList<>();

		@Override
		public void accept(RunRecord run) {
			this.all.add(run);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		OpenAiChatModel chatModel(@Value("${test.openai.base-url}") String baseUrl) {
			return OpenAiChatModel.builder().baseUrl(baseUrl).apiKey("test").modelName("gpt-4o-mini").maxRetries(0).build();
		}

		@Bean
		Triage triage(ChatModel chatModel) {
			return AgenticServices.agentBuilder(Triage.class).chatModel(chatModel).build();
		}

		@Bean
		Orders orders(ChatModel chatModel) {
			return AgenticServices.agentBuilder(Orders.class).chatModel(chatModel).tools(new OrderTools()).build();
		}

		@Bean
		UntypedAgent support(Triage triage, Orders orders) {
			return AgenticServices.sequenceBuilder().name("support").subAgents(triage, orders).outputKey("answer").build();
		}

		@Bean
		Runs runs() {
			return new Runs();
		}

	}

}
