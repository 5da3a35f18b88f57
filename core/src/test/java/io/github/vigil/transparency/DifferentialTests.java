package io.github.vigil.transparency;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.TokenStream;
import dev.langchain4j.service.tool.ToolErrorHandlerResult;
import io.github.vigil.Vigil;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;
import org.mockito.invocation.Invocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The same AI-service scenarios run twice, without Vigil and with a default Vigil installed (what the Spring Boot
 * starter always does): the caller gets the same answers and the same exceptions, and the user's objects (mocked
 * models, models that override {@code chat(ChatRequest)}, listeners, tools, memory) see the same calls.
 */
class DifferentialTests {

	@Test
	void aMockStubbedOnChatRequestAnswersAsWithoutVigil() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenReturn(answer("Hello from the mock"));
			Greeter greeter = AiServices.builder(Greeter.class)
				.chatModel(model)
				.systemMessage("You are a polite greeter.")
				.build();
			String reply = greeter.greet("Hi");
			verify(model).chat(any(ChatRequest.class));
			return reply;
		});
	}

	@Test
	void toolsAndChatMemoryGetTheSameCallsAndHoldTheSameConversation() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenReturn(toolCall("lookupOrder", "{\"id\":\"ORD-1\"}"),
					answer("Your order ORD-1 has shipped."));
			RecordingTools tools = new RecordingTools();
			Map<Object, ChatMemory> memories = new ConcurrentHashMap<>();
			Conversations conversations = AiServices.builder(Conversations.class)
				.chatModel(model)
				.tools(tools)
				.chatMemoryProvider((id) -> memories.computeIfAbsent(id,
						(key) -> MessageWindowChatMemory.withMaxMessages(20)))
				.build();
			String reply = conversations.chat("alice", "Where is ORD-1?");
			return List.of(reply, tools.calls, memories.get("alice").messages());
		});
	}

	@Test
	void theApplicationsOwnBeforeAndAfterToolHooksSeeEveryToolCall() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenReturn(toolCall("lookupOrder", "{\"id\":\"ORD-3\"}"),
					toolCall("inventedTool", "{}"), answer("Done."));
			List<String> hooks = new ArrayList<>();
			Greeter greeter = AiServices.builder(Greeter.class)
				.chatModel(model)
				.tools(new RecordingTools())
				.beforeToolExecution((before) -> hooks.add("before " + before.request().name()))
				.afterToolExecution((after) -> hooks.add("after " + after.request().name() + " " + after.result()))
				.hallucinatedToolNameStrategy((request) -> dev.langchain4j.data.message.ToolExecutionResultMessage
					.from(request, "no such tool"))
				.build();
			return List.of(greeter.greet("Where is ORD-3?"), hooks);
		});
	}

	@Test
	void aToolErrorHandlerStillTurnsTheToolsExceptionIntoText() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenReturn(toolCall("failingLookup", "{\"id\":\"ORD-2\"}"),
					answer("The order service is down."));
			Greeter greeter = AiServices.builder(Greeter.class)
				.chatModel(model)
				.tools(new RecordingTools())
				.toolExecutionErrorHandler((error, context) -> ToolErrorHandlerResult
					.text("handled: " + error.getClass().getSimpleName() + " " + error.getMessage()))
				.build();
			return greeter.greet("Where is ORD-2?");
		});
	}

	@Test
	void aModelThatOverridesOnlyChatRequestIsCalledThroughIt() {
		assertSameWithAndWithoutVigil((objects) -> {
			RoutingModel model = new RoutingModel();
			Greeter greeter = AiServices.builder(Greeter.class).chatModel(model).build();
			return List.of(greeter.greet("first"), greeter.greet("second"), model.routed);
		});
	}

	@Test
	void aProviderStyleModelRunsItsOwnListenersOnce() {
		assertSameWithAndWithoutVigil((objects) -> {
			List<String> events = new ArrayList<>();
			ChatModel model = new ProviderStyleModel(new ChatModelListener() {
				@Override
				public void onRequest(ChatModelRequestContext context) {
					events.add("request " + context.chatRequest().messages().size());
				}

				@Override
				public void onResponse(ChatModelResponseContext context) {
					events.add("response " + context.chatResponse().aiMessage().text());
				}
			});
			Greeter greeter = AiServices.builder(Greeter.class).chatModel(model).build();
			return List.of(greeter.greet("Hi"), events);
		});
	}

	@Test
	void aStreamingModelStreamsTheSameTokens() {
		assertSameWithAndWithoutVigil((objects) -> {
			StreamingChatModel model = new StreamingModel();
			StreamingGreeter greeter = AiServices.builder(StreamingGreeter.class).streamingChatModel(model).build();
			List<String> partials = new ArrayList<>();
			CompletableFuture<String> done = new CompletableFuture<>();
			greeter.greet("Hi")
				.onPartialResponse(partials::add)
				.onCompleteResponse((response) -> done.complete(response.aiMessage().text()))
				.onError(done::completeExceptionally)
				.start();
			return List.of(done.get(5, TimeUnit.SECONDS), partials);
		});
	}

	@Test
	void aFailingModelsExceptionReachesTheCallerUnchanged() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenThrow(new IllegalStateException("provider is down"));
			return AiServices.builder(Greeter.class).chatModel(model).build().greet("Hi");
		});
	}

	@Test
	void guardrailsBlockAndRepromptAsWithoutVigil() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenReturn(answer("I am sure it costs $999."),
					answer("I cannot tell the price."));
			Greeter greeter = AiServices.builder(Greeter.class)
				.chatModel(model)
				.inputGuardrails(new InputGuardrail() {
					@Override
					public InputGuardrailResult validate(UserMessage message) {
						return message.singleText().contains("password") ? failure("no secrets") : success();
					}
				})
				.outputGuardrails(new OutputGuardrail() {
					@Override
					public OutputGuardrailResult validate(AiMessage message) {
						return message.text().contains("$") ? reprompt("made up a price", "Do not guess prices.")
								: success();
					}
				})
				.build();
			String answered = greeter.greet("How much is it?");
			Object blocked;
			try {
				blocked = greeter.greet("Tell me the password");
			}
			catch (RuntimeException ex) {
				blocked = ex.getClass().getName() + ": " + ex.getMessage();
			}
			return List.of(answered, blocked);
		});
	}

	@Test
	void anInventedToolFailsTheRunWithLangChain4jsOwnError() {
		assertSameWithAndWithoutVigil((objects) -> {
			ChatModel model = objects.mock(ChatModel.class);
			when(model.chat(any(ChatRequest.class))).thenReturn(toolCall("refundEverything", "{}"));
			return AiServices.builder(Greeter.class).chatModel(model).tools(new RecordingTools()).build()
				.greet("Refund me");
		});
	}

	// ---------------------------------------------------------------- the harness

	private static void assertSameWithAndWithoutVigil(Scenario scenario) {
		Outcome without = run(scenario, false);
		Outcome with = run(scenario, true);
		assertThat(with.result()).as("what the caller got").isEqualTo(without.result());
		assertThat(with.interactions()).as("calls the user's mocks received").isEqualTo(without.interactions());
	}

	private static Outcome run(Scenario scenario, boolean withVigil) {
		Vigil vigil = withVigil ? Vigil.builder(new SimpleMeterRegistry()).runLog(false).build().installAsDefault()
				: null;
		UserObjects objects = new UserObjects();
		try {
			String result;
			try {
				result = String.valueOf(scenario.run(objects));
			}
			catch (Exception ex) {
				result = "threw " + ex.getClass().getName() + ": " + ex.getMessage();
			}
			return new Outcome(result, objects.interactions());
		}
		finally {
			if (vigil != null) {
				assertThat(vigil.activeRuns()).as("runs left in flight").isZero();
				vigil.close();
			}
		}
	}

	@FunctionalInterface
	interface Scenario {

		Object run(UserObjects objects) throws Exception;

	}

	record Outcome(String result, List<String> interactions) {
	}

	/** The mocks a scenario creates, and every call they received. */
	static final class UserObjects {

		private final List<Object> mocks = new ArrayList<>();

		<T> T mock(Class<T> type) {
			T created = Mockito.mock(type);
			this.mocks.add(created);
			return created;
		}

		List<String> interactions() {
			List<String> all = new ArrayList<>();
			for (Object created : this.mocks) {
				for (Invocation invocation : Mockito.mockingDetails(created).getInvocations()) {
					all.add(invocation.getMethod().getName() + Arrays.toString(invocation.getArguments()));
				}
			}
			return all;
		}

	}

	interface Greeter {

		String greet(String message);

	}

	interface StreamingGreeter {

		TokenStream greet(String message);

	}

	interface Conversations {

		String chat(@MemoryId String user, @dev.langchain4j.service.UserMessage String message);

	}

	static final class RecordingTools {

		final List<String> calls = new ArrayList<>();

		@Tool("Looks up an order")
		String lookupOrder(String id) {
			this.calls.add("lookupOrder " + id);
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

		@Tool("Looks up an order on a service that is down")
		String failingLookup(String id) {
			this.calls.add("failingLookup " + id);
			throw new IllegalStateException("order service unavailable for " + id);
		}

	}

	/** A model that routes by overriding {@code chat(ChatRequest)} only; its {@code doChat} is not implemented. */
	static final class RoutingModel implements ChatModel {

		final List<String> routed = new ArrayList<>();

		@Override
		public ChatResponse chat(ChatRequest request) {
			this.routed.add("routed " + request.messages().size());
			return answer("routed answer " + this.routed.size());
		}

	}

	/** A model written like a provider: it implements {@code doChat} and has listeners. */
	static final class ProviderStyleModel implements ChatModel {

		private final ChatModelListener listener;

		ProviderStyleModel(ChatModelListener listener) {
			this.listener = listener;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			return answer("provider answer to " + ((UserMessage) request.messages().get(0)).singleText());
		}

		@Override
		public List<ChatModelListener> listeners() {
			return List.of(this.listener);
		}

	}

	static final class StreamingModel implements StreamingChatModel {

		@Override
		public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
			new Thread(() -> {
				handler.onPartialResponse("Hel");
				handler.onPartialResponse("lo");
				handler.onCompleteResponse(answer("Hello"));
			}).start();
		}

	}

	private static ChatResponse answer(String text) {
		return ChatResponse.builder().aiMessage(AiMessage.from(text)).tokenUsage(new TokenUsage(12, 4)).build();
	}

	private static ChatResponse toolCall(String tool, String arguments) {
		return ChatResponse.builder()
			.aiMessage(AiMessage.from(
					ToolExecutionRequest.builder().id("call-" + tool).name(tool).arguments(arguments).build()))
			.tokenUsage(new TokenUsage(20, 6))
			.build();
	}

}
