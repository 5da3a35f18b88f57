package io.github.vigil.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.github.vigil.run.RunKilledException;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The loop kill-switch in a Spring Boot application configured only through properties, against a model served in
 * the OpenAI wire format that asks for the same tool forever.
 */
class LoopGuardEndToEndTests {

	private static final WireMockServer openAi = startOpenAi();

	private static final String GRACEFUL = "Sorry, I couldn't finish this. I've passed your request to a colleague "
			+ "who will follow up.";

	private static WireMockServer startOpenAi() {
		WireMockServer server = new WireMockServer(0);
		server.start();
		stubForever(server, "case:forever-track", "trackParcel", "PARCEL-1");
		stubForever(server, "case:forever-lookup", "lookupOrder", "ORD-1");
		String scenario = "three orders";
		String state = Scenario.STARTED;
		for (int order = 1; order <= 3; order++) {
			String next = "order " + (order + 1);
			server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario)
				.whenScenarioStateIs(state)
				.withRequestBody(containing("case:three-orders"))
				.willReturn(OpenAiWireMock.toolCall("lookupOrder", "ORD-" + order))
				.willSetStateTo(next));
			state = next;
		}
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).inScenario(scenario)
			.whenScenarioStateIs(state)
			.withRequestBody(containing("case:three-orders"))
			.willReturn(OpenAiWireMock.answer("Orders ORD-1, ORD-2 and ORD-3 have all shipped."))
			.willSetStateTo(Scenario.STARTED));
		return server;
	}

	private static void stubForever(WireMockServer server, String marker, String tool, String id) {
		server.stubFor(post(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(marker))
			.willReturn(OpenAiWireMock.toolCall(tool, id)));
	}

	@AfterAll
	static void stopOpenAi() {
		openAi.stop();
	}

	@DynamicPropertySource
	static void openAiBaseUrl(DynamicPropertyRegistry registry) {
		registry.add("test.openai.base-url", () -> openAi.baseUrl() + "/v1");
	}

	static int requestsTo(String marker) {
		return openAi.countRequestsMatching(
				postRequestedFor(urlEqualTo("/v1/chat/completions")).withRequestBody(containing(marker)).build())
			.getCount();
	}

	interface SupportAgent {

		String chat(String message);

	}

	/** Shipping tools that count their real executions. */
	public static class ShippingTools {

		final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			this.executions.computeIfAbsent("lookupOrder", (k) -> new AtomicInteger()).incrementAndGet();
			return "<!DOCTYPE html><html><body>410 Gone</body></html>";
		}

		@Tool("Tracks a parcel")
		public String trackParcel(String id) {
			this.executions.computeIfAbsent("trackParcel", (k) -> new AtomicInteger()).incrementAndGet();
			return "{\"parcel\":\"" + id + "\",\"status\":\"unknown\"}";
		}

		int executions(String tool) {
			AtomicInteger count = this.executions.get(tool);
			return (count != null) ? count.get() : 0;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		OpenAiChatModel chatModel(@Value("${test.openai.base-url}") String baseUrl) {
			return OpenAiWireMock.chatModel(baseUrl);
		}

		@Bean
		ShippingTools shippingTools() {
			return new ShippingTools();
		}

		@Bean
		SupportAgent supportAgent(ChatModel chatModel, ShippingTools tools) {
			return AiServices.builder(SupportAgent.class).chatModel(chatModel).tools(tools).build();
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, properties = "vigil.guard.loop.tool-thresholds.lookupOrder=5")
	class EndAction {

		@RegisterExtension
		final RunLogLines runLog = new RunLogLines();

		@Autowired
		SupportAgent agent;

		@Autowired
		ShippingTools tools;

		@Autowired
		MeterRegistry registry;

		@Test
		void aModelAskingForTheSameToolForeverIsStoppedAfterTwoExecutionsAndTheCallerGetsTheGracefulAnswer()
				throws Exception {
			int before = requestsTo("case:forever-track");
			long killedBefore = killedRuns();

			String answer = this.agent.chat("Where is my parcel? case:forever-track");

			assertThat(answer).isEqualTo(GRACEFUL);
			assertThat(this.tools.executions("trackParcel")).isEqualTo(2);
			assertThat(requestsTo("case:forever-track") - before).isEqualTo(3);
			assertThat(this.registry.get("vigil.guard.trips")
				.tags("guard", "loop", "action", "ended", "gen_ai.agent.name", "SupportAgent", "gen_ai.tool.name",
						"trackParcel")
				.counter()
				.count()).isEqualTo(1);
			assertThat(killedRuns() - killedBefore).isEqualTo(1);
			JsonNode line = this.runLog.single();
			assertThat(line.get("outcome").asText()).isEqualTo("killed");
			assertThat(line.get("output").asText()).isEqualTo(GRACEFUL);
			assertThat(line.get("model_calls").asInt()).isEqualTo(3);
			JsonNode trip = line.get("guard_trips").get(0);
			assertThat(trip.get("guard").asText()).isEqualTo("loop");
			assertThat(trip.get("tool").asText()).isEqualTo("trackParcel");
			assertThat(trip.get("count").asInt()).isEqualTo(3);
			assertThat(trip.get("arguments").asText()).contains("PARCEL-1");
			assertThat(trip.get("action").asText()).isEqualTo("ended");
		}

		private long killedRuns() {
			io.micrometer.core.instrument.Timer timer = this.registry.find("gen_ai.invoke_agent.duration")
				.tags("gen_ai.agent.name", "SupportAgent", "outcome", "killed", "error.type", "loop")
				.timer();
			return (timer != null) ? timer.count() : 0;
		}

		@Test
		void aRaisedPerToolThresholdLetsAThreeOrderQuestionFinish() {
			int before = requestsTo("case:three-orders");

			String answer = this.agent.chat("Where are my three orders? case:three-orders");

			assertThat(answer).isEqualTo("Orders ORD-1, ORD-2 and ORD-3 have all shipped.");
			assertThat(requestsTo("case:three-orders") - before).isEqualTo(4);
		}

		@Test
		void anIdenticalCallLoopIsEndedDespiteTheRaisedPerToolThreshold() {
			int before = this.tools.executions("lookupOrder");
			int requestsBefore = requestsTo("case:forever-lookup");

			String answer = this.agent.chat("Where is my order? case:forever-lookup");

			assertThat(answer).isEqualTo(GRACEFUL);
			assertThat(this.tools.executions("lookupOrder") - before).isEqualTo(2);
			assertThat(requestsTo("case:forever-lookup") - requestsBefore).isEqualTo(3);
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, properties = "vigil.guard.loop.action=error")
	class ErrorAction {

		@Autowired
		SupportAgent agent;

		@Test
		void theCallerGetsTheDocumentedException() {
			int before = requestsTo("case:forever-track");

			assertThatThrownBy(() -> this.agent.chat("Track it again case:forever-track"))
				.isInstanceOfSatisfying(RunKilledException.class, (ex) -> {
					assertThat(ex.getRunId()).isNotBlank();
					assertThat(ex.getUserMessage()).isEqualTo(GRACEFUL);
					assertThat(ex.getTrip().guard()).isEqualTo("loop");
					assertThat(ex.getTrip().tool()).isEqualTo("trackParcel");
				});
			assertThat(requestsTo("case:forever-track") - before).isEqualTo(3);
		}

	}

}
