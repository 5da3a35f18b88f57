package io.github.vigil.service;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A run ends once, whatever happened: one run-log line and one count per run, also when LangChain4j reports a
 * stream's end twice, when the application's own handler throws, and when a model throws an {@link Error}. Streams
 * come from LangChain4j's OpenAI client reading a local server that speaks OpenAI's server-sent events.
 */
class RunEndingsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	private HttpServer server;

	/** The events the server sends for the next request; the connection closes after them. */
	private volatile List<String> events = List.of();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/chat/completions", (exchange) -> {
			this.requests.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
			exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
			exchange.sendResponseHeaders(200, 0);
			try (OutputStream body = exchange.getResponseBody()) {
				for (String event : this.events) {
					body.write(("data: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
					body.flush();
				}
			}
		});
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
		this.vigil.close();
	}

	@Test
	void aStreamCutInTheMiddleOfAToolCallsArgumentsEndsItsRunOnce() throws Exception {
		this.events = List.of(chunk("{\"role\":\"assistant\",\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
				+ "\"type\":\"function\",\"function\":{\"name\":\"lookupOrder\",\"arguments\":\"{\\\"orderId\\\":\\\"OR\"}}]}",
				null));
		List<Throwable> errors = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> failed = new CompletableFuture<>();

		streamingAssistant().chat("Where is ORD-1?").onPartialResponse((text) -> {
		}).onCompleteResponse((response) -> failed.complete(null)).onError((error) -> {
			errors.add(error);
			failed.complete(null);
		}).start();

		failed.get(10, TimeUnit.SECONDS);
		RunRecord run = awaitRun();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.input()).isEqualTo("Where is ORD-1?");
		assertThat(run.modelCalls()).isEqualTo(1);
		settle(errors);
		assertThat(this.runs.all()).as("one line for the run, however often LangChain4j reports its error").hasSize(1);
		assertThat(runCount(RunOutcome.ERROR)).isEqualTo(1);
		assertThat(modelCallCount()).as("the model call is measured once").isEqualTo(1);
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@Test
	void aPartialResponseHandlerThatThrowsEndsTheRunOnceAsAnError() throws Exception {
		this.events = List.of(chunk("{\"role\":\"assistant\",\"content\":\"Your order \"}", null),
				chunk("{\"content\":\"has shipped.\"}", "stop"), "[DONE]");
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		streamingAssistant().chat("Where is ORD-1?").onPartialResponse((text) -> {
			throw new IllegalStateException("the application's handler failed");
		}).onCompleteResponse((response) -> {
		}).onError(errors::add).start();

		RunRecord run = awaitRun();
		settle(errors);
		assertThat(errors).isNotEmpty();
		assertThat(this.runs.all()).hasSize(1);
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.errorType()).isEqualTo("IllegalStateException");
		assertThat(run.input()).isEqualTo("Where is ORD-1?");
		assertThat(runCount(RunOutcome.ERROR)).isEqualTo(1);
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@Test
	void aCompleteResponseHandlerThatThrowsLeavesTheRunCompletedAsItsFirstEndingSaid() throws Exception {
		this.events = List.of(chunk("{\"role\":\"assistant\",\"content\":\"Your order has shipped.\"}", "stop"),
				"[DONE]");
		List<Throwable> errors = new CopyOnWriteArrayList<>();

		streamingAssistant().chat("Where is ORD-1?").onPartialResponse((text) -> {
		}).onCompleteResponse((response) -> {
			throw new IllegalStateException("the application's handler failed");
		}).onError(errors::add).start();

		RunRecord run = awaitRun();
		settle(errors);
		assertThat(errors).as("LangChain4j passes the handler's exception to onError").isNotEmpty();
		assertThat(this.runs.all()).hasSize(1);
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.output()).isEqualTo("Your order has shipped.");
		assertThat(runCount(RunOutcome.COMPLETED)).isEqualTo(1);
		assertThat(runCount(RunOutcome.ERROR)).isZero();
		assertThat(modelCallCount()).as("the model call is measured once").isEqualTo(1);
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@Test
	void aModelThatThrowsAnErrorEndsTheRunAsAnErrorAndTheCallerGetsTheSameError() {
		AssertionError thrown = new AssertionError("model client invariant broken");
		ChatModel failing = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				throw thrown;
			}
		};
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(this.vigil.observe(failing)).build();

		Throwable caught = catchThrowable(() -> assistant.chat("Where is ORD-1?"));

		assertThat(caught).isSameAs(thrown);
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.errorType()).isEqualTo("AssertionError");
		assertThat(run.input()).isEqualTo("Where is ORD-1?");
		assertThat(runCount(RunOutcome.ERROR)).isEqualTo(1);
		assertThat(this.vigil.activeRuns()).isZero();
	}

	@Test
	void aToolThatThrowsAnErrorEndsTheRunAsAnErrorAndTheCallerGetsTheSameError() {
		OutOfMemoryError thrown = new OutOfMemoryError("Java heap space");
		dev.langchain4j.service.tool.ToolExecutor executor = (request, memoryId) -> {
			throw thrown;
		};
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(io.github.vigil.support.ScriptedChatModel.firstWordIsTool()))
			.tools(java.util.Map.of(dev.langchain4j.agent.tool.ToolSpecification.builder()
				.name("lookupOrder")
				.build(), executor))
			.build();

		Throwable caught = catchThrowable(() -> assistant.chat("lookupOrder ORD-1"));

		assertThat(caught).isSameAs(thrown);
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.ERROR);
		assertThat(run.errorType()).isEqualTo("OutOfMemoryError");
		assertThat(this.vigil.activeRuns()).isZero();
	}

	private StreamingAssistant streamingAssistant() {
		OpenAiStreamingChatModel model = OpenAiStreamingChatModel.builder()
			.baseUrl("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1")
			.apiKey("test-key")
			.modelName("gpt-4o-mini")
			.timeout(Duration.ofSeconds(5))
			.build();
		return AiServices.builder(StreamingAssistant.class)
			.streamingChatModel(this.vigil.observe(model))
			.tools(new Orders())
			.build();
	}

	private static String chunk(String delta, String finishReason) {
		return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"gpt-4o-mini\","
				+ "\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
				+ ((finishReason != null) ? "\"" + finishReason + "\"" : "null") + "}]}";
	}

	private RunRecord awaitRun() throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.runs.all().isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		return this.runs.all().get(0);
	}

	/** Waits until the stream's reports have stopped coming: a second report would come within this time. */
	private static void settle(List<Throwable> errors) throws InterruptedException {
		int seen = -1;
		while (seen != errors.size()) {
			seen = errors.size();
			Thread.sleep(300);
		}
	}

	private long runCount(RunOutcome outcome) {
		List<Timer> timers = new ArrayList<>(this.registry.find("gen_ai.invoke_agent.duration")
			.tag("outcome", outcome.value())
			.timers());
		return timers.stream().mapToLong(Timer::count).sum();
	}

	private long modelCallCount() {
		return this.registry.find("gen_ai.client.operation.duration").timers().stream().mapToLong(Timer::count).sum();
	}

	interface StreamingAssistant {

		TokenStream chat(String message);

	}

	static class Orders {

		@Tool("Looks up an order")
		String lookupOrder(String orderId) {
			return "{\"id\":\"" + orderId + "\",\"status\":\"shipped\"}";
		}

	}

}
