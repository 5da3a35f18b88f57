package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.run.RunSink;
import io.micrometer.tracing.Tracer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Boot application as users run it (the starter, Actuator, the Prometheus registry and Micrometer Tracing):
 * after model calls, tool calls, a loop kill, a flag, an alert and a failing sink, {@code /actuator/prometheus}
 * shows exactly the Vigil and GenAI meters the metrics reference ({@code docs/metrics.md}) lists, no more and no
 * fewer, each once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus",
				"management.tracing.sampling.probability=1.0", "vigil.alerts.evaluation-interval=1h",
				"vigil.cost.prices.scripted.input=1.00", "vigil.cost.prices.scripted.output=4.00" })
class PrometheusSeriesTests {

	/** Where the metrics table lives, relative to this module. */
	static final Path METRICS_TABLE = Path.of("../docs/metrics.md");

	/** The heading the previous conventions' names are listed under. */
	static final String PREVIOUS_NAMES = "## Previous names";

	private static final Pattern TABLE_ROW = Pattern.compile("^\\| `((?:gen_ai|vigil)\\.[a-z_.]+)` \\|", Pattern.MULTILINE);

	@LocalServerPort
	int port;

	@Autowired
	Vigil vigil;

	@Autowired
	Agent agent;

	@Autowired
	Tracer tracer;

	@Autowired
	StreamingAgent streamingAgent;

	@Autowired
	RefundReader refundReader;

	@Test
	void theScrapeShowsTheDocumentedMetersAndNothingElse() throws Exception {
		assertThat(this.tracer).as("a real tracer handles the observations").isNotNull();
		this.agent.chat("Where is ORD-1?");
		this.agent.chat("flag: what is the refund policy?");
		this.agent.chat("loop: where is ORD-2?");
		for (int i = 0; i < 20; i++) {
			this.agent.chat("html: where is ORD-" + (100 + i) + "?");
		}
		// a streaming model that reports no usage: chunk timings, and a call nobody can price
		java.util.concurrent.CompletableFuture<ChatResponse> streamed = new java.util.concurrent.CompletableFuture<>();
		this.streamingAgent.chat("Stream me an answer")
			.onPartialResponse((chunk) -> {
			})
			.onCompleteResponse(streamed::complete)
			.onError(streamed::completeExceptionally)
			.start();
		streamed.get(10, java.util.concurrent.TimeUnit.SECONDS);
		// structured output the model's words do not fit
		assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> this.refundReader.read("Refund ORD-1")))
			.isInstanceOf(dev.langchain4j.service.output.OutputParsingException.class);
		// a multi-agent workflow's run, as the agentic integration reports one
		Object workflow = new Object();
		this.vigil.workflows().started(workflow, "support-workflow", null, "u-1", "Where is ORD-1?");
		this.vigil.workflows().completed(workflow, "It shipped.");
		AlertEvaluator.of(this.vigil).evaluate();

		String scrape = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();

		Set<String> expected = expected();
		assertThat(meters(scrape, expected)).isEqualTo(expected);
		assertThat(scrape).as("one series per meter and tag set")
			.containsOnlyOnce("gen_ai_execute_tool_duration_seconds_count{error_type=\"html_response\"");
	}

	/** The meters this application's scrape shows: the current conventions' names. */
	Set<String> expected() throws Exception {
		return documented(false);
	}

	/**
	 * The meters the reference documents, as Prometheus spells them before suffixes.
	 * @param previous whether the previous conventions' names (listed after their heading) or the current ones
	 */
	static Set<String> documented(boolean previous) throws Exception {
		String table = Files.readString(METRICS_TABLE);
		int heading = table.indexOf(PREVIOUS_NAMES);
		assertThat(heading).as("the reference lists the previous names under " + PREVIOUS_NAMES).isPositive();
		Set<String> names = new TreeSet<>();
		Matcher row = TABLE_ROW.matcher(previous ? table.substring(heading) : table.substring(0, heading));
		while (row.find()) {
			names.add(row.group(1).replace('.', '_'));
		}
		return names;
	}

	/** The Vigil and GenAI meters of a scrape, each sample name reduced to the meter it comes from. */
	static Set<String> meters(String scrape, Set<String> documented) {
		Set<String> names = new TreeSet<>();
		for (String line : scrape.split("\n")) {
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			String sample = line.substring(0, indexOfAny(line, '{', ' '));
			if (!sample.startsWith("gen_ai_") && !sample.startsWith("vigil_")) {
				continue;
			}
			names.add(meterOf(sample, documented));
		}
		return names;
	}

	/**
	 * The meter a sample comes from: Prometheus adds {@code _bucket}, {@code _count}, {@code _sum}, {@code _total}
	 * and {@code _max}, and the base unit unless the name already ends with it; a percentile gauge is
	 * {@code <meter>_percentile[_unit]}. A sample that reduces to no documented meter is kept as it is.
	 */
	private static String meterOf(String sample, Set<String> documented) {
		String name = strip(strip(sample, "_bucket", "_count", "_sum", "_total", "_created"), "_max");
		// meters in money carry their currency as base unit: gen_ai_client_cost_USD_total
		name = name.replaceAll("_[A-Z]{3}$", "");
		for (String candidate : List.of(name, strip(name, "_seconds", "_tokens"))) {
			if (documented.contains(candidate)) {
				return candidate;
			}
			String percentileOf = strip(candidate, "_percentile");
			if (!percentileOf.equals(candidate) && documented.contains(percentileOf)) {
				return percentileOf;
			}
		}
		return name;
	}

	private static String strip(String name, String... suffixes) {
		for (String suffix : suffixes) {
			if (name.endsWith(suffix)) {
				return name.substring(0, name.length() - suffix.length());
			}
		}
		return name;
	}

	private static int indexOfAny(String line, char... characters) {
		int index = line.length();
		for (char c : characters) {
			int found = line.indexOf(c);
			if (found >= 0 && found < index) {
				index = found;
			}
		}
		return index;
	}

	interface Agent {

		String chat(String message);

	}

	static final class OrderTools {

		@Tool("Looks up an order")
		String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

		@Tool("Looks up an order on the retired endpoint")
		String lookupLegacy(String id) {
			return "<!DOCTYPE html><html><body><h1>410 Gone</h1></body></html>";
		}

	}

	/** The streaming agent. */
	/** Structured output: a refund read out of a message. */
	interface RefundReader {

		Refund read(String message);

	}

	record Refund(String orderId, double amount) {
	}

	interface StreamingAgent {

		dev.langchain4j.service.TokenStream chat(String message);

	}

	/** Streams three chunks and reports no token usage, as some gateways do. */
	static final class ChunkedModel implements dev.langchain4j.model.chat.StreamingChatModel {

		@Override
		public void doChat(ChatRequest request, dev.langchain4j.model.chat.response.StreamingChatResponseHandler handler) {
			for (String chunk : List.of("It ", "has ", "shipped.")) {
				handler.onPartialResponse(chunk);
			}
			handler.onCompleteResponse(ChatResponse.builder()
				.aiMessage(AiMessage.from("It has shipped."))
				.modelName("gateway-model")
				.build());
		}

	}

	/**
	 * A model that asks for a tool, loops on one, or makes up a link, as the user message says.
	 */
	static final class ScriptedModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			ChatMessage last = messages.get(messages.size() - 1);
			String user = messages.stream()
				.filter(UserMessage.class::isInstance)
				.map((message) -> ((UserMessage) message).singleText())
				.reduce((first, second) -> second)
				.orElse("");
			if (user.startsWith("flag:")) {
				return answer("Read https://refunds.example.invalid/policy for details.");
			}
			if (last instanceof ToolExecutionResultMessage && !user.startsWith("loop:")) {
				return answer("Done.");
			}
			String tool = user.startsWith("html:") ? "lookupLegacy" : "lookupOrder";
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(ToolExecutionRequest.builder()
					.id("call-" + messages.size())
					.name(tool)
					.arguments("{\"arg0\":\"ORD-1\"}")
					.build()))
				.modelName("scripted-1")
				.tokenUsage(new TokenUsage(40, 8))
				.build();
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return ChatRequestParameters.builder().modelName("scripted").build();
		}

		private static ChatResponse answer(String text) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(text))
				.modelName("scripted-1")
				.tokenUsage(new DetailedUsage())
				.build();
		}

	}

	/** Usage with cache reads and writes beside the input, and reasoning inside the output, as Anthropic's and OpenAI's. */
	public static final class DetailedUsage extends TokenUsage {

		DetailedUsage() {
			super(50, 12);
		}

		public Integer cacheReadInputTokens() {
			return 20;
		}

		public Integer cacheCreationInputTokens() {
			return 10;
		}

		public Reasoning outputTokensDetails() {
			return new Reasoning();
		}

		@Override
		public TokenUsage add(TokenUsage that) {
			return (that == null) ? this
					: new TokenUsage(inputTokenCount() + that.inputTokenCount(),
							outputTokenCount() + that.outputTokenCount());
		}

		/** The output's reasoning share. */
		public static final class Reasoning {

			public Integer reasoningTokens() {
				return 4;
			}

		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ScriptedModel scriptedModel() {
			return new ScriptedModel();
		}

		@Bean
		StreamingAgent streamingAgent() {
			return AiServices.builder(StreamingAgent.class).streamingChatModel(new ChunkedModel()).build();
		}

		@Bean
		Agent agent(ChatModel scriptedModel, ContentRetriever policies) {
			return AiServices.builder(Agent.class)
				.chatModel(scriptedModel)
				.tools(new OrderTools())
				.contentRetriever(policies)
				// a guardrail of the application's own: each run records its decision
				.inputGuardrails(new Polite())
				.build();
		}

		/** Lets every message through. */
		static final class Polite implements InputGuardrail {

			@Override
			public InputGuardrailResult validate(dev.langchain4j.data.message.UserMessage message) {
				return success();
			}

		}

		/** A reader whose model answers in words where JSON was asked for. */
		@Bean
		RefundReader refundReader() {
			return AiServices.builder(RefundReader.class).chatModel(new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder().aiMessage(AiMessage.from("I cannot read that refund.")).build();
				}
			}).build();
		}

		@Bean
		ContentRetriever policies() {
			// a knowledge base of one policy: every run retrieves, and the retrieval's meters show
			return (query) -> List.of(Content.from("Orders ship within two days."));
		}

		@Bean
		RunSink failingSink() {
			return (run) -> {
				throw new IllegalStateException("the warehouse is down");
			};
		}

	}

}
