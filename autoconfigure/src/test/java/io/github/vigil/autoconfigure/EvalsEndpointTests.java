package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.eval.Evals;
import io.github.vigil.eval.Score;
import io.github.vigil.eval.ScoredRun;
import io.github.vigil.eval.Scorer;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evals over HTTP: the business posts the resolution outcome of a run from its handoff data, the team reads the
 * weekly resolution trend and exports last week's runs as an eval dataset; the write and the export are opt-in.
 */
class EvalsEndpointTests {

	private static final ObjectMapper json = new ObjectMapper();

	@Nested
	@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil,prometheus", "vigil.alerts.enabled=false",
					"vigil.evals.feedback.enabled=true", "vigil.evals.dataset.enabled=true",
					"vigil.evals.judge.enabled=true", "vigil.evals.judge.sample-rate=1.0" })
	class WithFeedbackAndDatasetOn {

		@LocalServerPort
		int port;

		@Autowired
		SupportAgent agent;

		@Autowired
		Vigil vigil;

		@Autowired
		Application.Runs runs;

		@Autowired
		MeterRegistry registry;

		@BeforeEach
		void traffic() {
			this.agent.chat("Where is order ORD-1?");
			this.agent.chat("I need a human, order ORD-2 is broken");
			this.vigil.flushRuns(Duration.ofSeconds(5));
			this.vigil.flushScores(Duration.ofSeconds(5));
		}

		@Test
		void feedbackAttachesTheOutcomeAndTheRunIsScoredAgainstIt() throws Exception {
			String escalated = this.runs.last().runId();

			JsonNode kept = call("POST", "/actuator/vigil/runs/" + escalated + "/feedback",
					"{\"resolved\": true, \"source\": \"handoff-export\"}", 200);
			JsonNode again = call("POST", "/actuator/vigil/runs/" + escalated + "/feedback",
					"{\"resolved\": true, \"source\": \"handoff-export\"}", 200);

			assertThat(kept.get("run_id").asText()).isEqualTo(escalated);
			assertThat(kept.get("resolved").asBoolean()).isTrue();
			assertThat(kept.get("source").asText()).isEqualTo("handoff-export");
			JsonNode resolution = score(kept, "resolution");
			// the run escalated an issue the business says needed no human: 0, and it says why
			assertThat(resolution.get("value").asDouble()).isZero();
			assertThat(resolution.get("label").asText()).isEqualTo("escalated");
			assertThat(resolution.get("explanation").asText()).contains("could be resolved without a human");
			assertThat(score(again, "resolution")).isEqualTo(resolution);
			assertThat(score(kept, "judge").get("value").asDouble()).isEqualTo(0.7);
			assertThat(score(kept, "polite").get("value").asDouble()).isEqualTo(1.0);

			JsonNode run = call("GET", "/actuator/vigil/runs/" + escalated, "", 200);
			assertThat(run.get("feedback").get("resolved").asBoolean()).isTrue();
			assertThat(run.get("feedback").get("source").asText()).isEqualTo("handoff-export");
			assertThat(score(run, "resolution")).isEqualTo(resolution);
		}

		@Test
		void feedbackForAnUnknownRunOrWithoutAnOutcomeGetsAClearError() throws Exception {
			String run = this.runs.last().runId();

			assertThat(call("POST", "/actuator/vigil/runs/no-such-run/feedback", "{\"resolved\": true}", 404)
				.get("error").asText()).contains("no stored run no-such-run");
			assertThat(call("POST", "/actuator/vigil/runs/" + run + "/feedback", "{\"source\": \"x\"}", 400)
				.get("error").asText()).contains("\"resolved\": true or false");
			assertThat(call("POST", "/actuator/vigil/runs/" + run + "/feedback", "{\"resolved\": \"maybe\"}", 400)
				.get("error").asText()).contains("was maybe");
			assertThat(call("POST", "/actuator/vigil/runs/" + run + "/feedback",
					"{\"resolved\": true, \"source\": \"" + "s".repeat(300) + "\"}", 400).get("error").asText())
				.contains("at most 200");
		}

		@Test
		void theWeeklyTrendShowsRunsScoredRunsAndTheResolutionRate() throws Exception {
			JsonNode weeks = call("GET", "/actuator/vigil/evals", "", 200).get("weeks");

			assertThat(weeks).singleElement().satisfies((week) -> {
				assertThat(week.get("agent").asText()).isEqualTo("SupportAgent");
				assertThat(week.get("week").asText()).matches("\\d{4}-\\d{2}-\\d{2}");
				assertThat(week.get("runs").asLong()).isGreaterThanOrEqualTo(2);
				assertThat(week.get("scored").asLong()).isEqualTo(week.get("runs").asLong());
				assertThat(week.get("resolution_rate").asDouble()).isBetween(0.0, 1.0);
			});
			assertThat(call("GET", "/actuator/vigil/evals?weeks=0", "", 400).get("error").asText())
				.contains("weeks must be");
		}

		@Test
		void lastWeeksRunsExportAsAJsonlDataset() throws Exception {
			Evals.of(this.vigil).feedback(this.runs.last().runId(), false, "handoff-export");

			HttpResponse<String> export = get("/actuator/vigil/evals/dataset?days=7");
			HttpResponse<String> truthOnly = get("/actuator/vigil/evals/dataset?days=7&groundTruthOnly=true");

			assertThat(export.statusCode()).isEqualTo(200);
			assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/x-ndjson"));
			List<JsonNode> lines = export.body().lines().map(EvalsEndpointTests::parse).toList();
			assertThat(lines).hasSizeGreaterThanOrEqualTo(2).allSatisfy((line) -> {
				assertThat(line.get("input").asText()).isNotEmpty();
				assertThat(line.get("agent").asText()).isEqualTo("SupportAgent");
				assertThat(line.has("resolved")).isTrue();
				assertThat(line.get("tool_calls")).isNotEmpty();
			});
			assertThat(truthOnly.body().lines().map(EvalsEndpointTests::parse).toList()).singleElement()
				.satisfies((line) -> {
					assertThat(line.get("resolved").asBoolean()).isFalse();
					assertThat(line.get("tool_calls").get(0).get("tool").asText()).isEqualTo("escalateToHuman");
				});
			assertThat(call("GET", "/actuator/vigil/evals/dataset?days=0", "", 400).get("error").asText())
				.contains("days must be");
			assertThat(call("GET", "/actuator/vigil/evals/dataset?groundTruthOnly=perhaps", "", 400).get("error")
				.asText()).contains("groundTruthOnly must be true or false");
		}

		@Test
		void scoresReachPrometheusWithBoundedTags() throws Exception {
			String scrape = get("/actuator/prometheus").body();

			assertThat(scrape).contains("vigil_eval_score_count{gen_ai_agent_name=\"SupportAgent\",scorer=\"resolution\"}")
				.contains("vigil_eval_resolution_rate{gen_ai_agent_name=\"SupportAgent\"}")
				.contains("vigil_eval_resolution_scored{gen_ai_agent_name=\"SupportAgent\"}");
		}

		private JsonNode call(String method, String path, String body, int status) throws Exception {
			return TriageEndpointTests.call(this.port, method, path, body, status);
		}

		private HttpResponse<String> get(String path) throws Exception {
			return HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
						HttpResponse.BodyHandlers.ofString());
		}

	}

	@Nested
	@SpringBootTest(classes = Application.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
			properties = { "management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false" })
	class ByDefault {

		@LocalServerPort
		int port;

		@Autowired
		SupportAgent agent;

		@Autowired
		Vigil vigil;

		@Autowired
		Application.Runs runs;

		@Test
		void feedbackAndTheDatasetExportAreRefusedUntilTheApplicationTurnsThemOn() throws Exception {
			this.agent.chat("Where is order ORD-1?");
			this.vigil.flushRuns(Duration.ofSeconds(5));
			String run = this.runs.last().runId();

			assertThat(TriageEndpointTests.call(this.port, "POST", "/actuator/vigil/runs/" + run + "/feedback",
					"{\"resolved\": true}", 403).get("error").asText()).contains("vigil.evals.feedback.enabled");
			assertThat(TriageEndpointTests.call(this.port, "GET", "/actuator/vigil/evals/dataset", "", 403)
				.get("error").asText()).contains("vigil.evals.dataset.enabled");
			assertThat(TriageEndpointTests.call(this.port, "GET", "/actuator/vigil", "", 200).get("feedback")
				.asBoolean()).isFalse();
			assertThat(TriageEndpointTests.call(this.port, "GET", "/actuator/vigil/evals", "", 200).get("weeks"))
				.isNotEmpty();
		}

	}

	@Test
	void anUnknownScorerOrAJudgeWithoutAModelFailsAtStartWithWhatToSet() {
		ApplicationContextRunner runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class));

		runner.withPropertyValues("vigil.evals.scorers=resolution,helpfulness")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("unknown scorer 'helpfulness'")
				.hasMessageContaining("Scorer beans"));
		runner.withPropertyValues("vigil.evals.judge.enabled=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("vigilJudge"));
	}

	private static JsonNode parse(String line) {
		try {
			return json.readTree(line);
		}
		catch (Exception ex) {
			throw new AssertionError("not a JSON line: " + line, ex);
		}
	}

	private static JsonNode score(JsonNode feedback, String scorer) {
		for (JsonNode score : feedback.get("scores")) {
			if (score.get("scorer").asText().equals(scorer)) {
				return score;
			}
		}
		throw new AssertionError("no " + scorer + " score in " + feedback);
	}

	interface SupportAgent {

		String chat(String message);

	}

	public static class Desk {

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

		@Tool("Hands the user over to a human colleague")
		public String escalateToHuman(String id) {
			return "{\"ticket\":\"T-1\"}";
		}

	}

	/** Asks for a human when the user does, else looks the order up; then answers with the tool's result. */
	static final class DeskModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			ChatMessage last = messages.get(messages.size() - 1);
			AiMessage reply;
			if (last instanceof ToolExecutionResultMessage result) {
				reply = AiMessage.from("Done: " + result.text());
			}
			else {
				String text = ((UserMessage) last).singleText();
				reply = AiMessage.from(ToolExecutionRequest.builder()
					.id("call-1")
					.name(text.contains("human") ? "escalateToHuman" : "lookupOrder")
					.arguments("{\"id\":\"ORD-1\"}")
					.build());
			}
			return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(20, 5)).build();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ChatModel chatModel() {
			return new DeskModel();
		}

		@Bean(VigilAutoConfiguration.JUDGE_BEAN)
		ChatModel vigilJudge() {
			return (ChatModel) new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from("{\"score\": 0.7, \"label\": \"pass\", \"explanation\": \"ok\"}"))
						.build();
				}
			};
		}

		@Bean
		Scorer politeness() {
			return new Scorer() {

				@Override
				public String name() {
					return "polite";
				}

				@Override
				public @Nullable Score score(ScoredRun run) {
					return new Score(1, "polite", null);
				}

			};
		}

		@Bean
		Desk desk() {
			return new Desk();
		}

		@Bean
		Runs runs() {
			return new Runs();
		}

		@Bean
		SupportAgent supportAgent(ChatModel chatModel, Desk desk) {
			return AiServices.builder(SupportAgent.class).chatModel(chatModel).tools(desk).build();
		}

		static final class Runs implements RunSink {

			private final List<RunRecord> all = new java.util.concurrent.CopyOnWriteArrayList<>();

			@Override
			public void accept(RunRecord run) {
				this.all.add(run);
			}

			RunRecord last() {
				return this.all.get(this.all.size() - 1);
			}

		}

	}

}
