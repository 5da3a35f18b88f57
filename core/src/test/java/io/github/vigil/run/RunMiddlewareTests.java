package io.github.vigil.run;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.Vigil;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.ScriptedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The middleware SPI: what a middleware sees, in which order, what it may change, and what happens when it throws.
 */
class RunMiddlewareTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final List<String> seen = new CopyOnWriteArrayList<>();

	private Vigil vigil;

	@AfterEach
	void close() {
		if (this.vigil != null) {
			this.vigil.close();
		}
	}

	private Assistant assistant(RunMiddleware... middleware) {
		Vigil.Builder builder = Vigil.builder(this.registry).runLog(false).sink(this.runs);
		for (RunMiddleware each : middleware) {
			builder.middleware(each);
		}
		this.vigil = builder.build();
		return AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new SupportTools())
			.build();
	}

	@Test
	void aMiddlewareSeesTheRunAndEveryStepBeforeHooksInOrderAfterHooksInReverse() {
		Assistant assistant = assistant(new Tracing("outer"), new Tracing("inner"));

		assistant.chat("lookupOrder ORD-1");

		assertThat(this.seen).containsExactly("outer run started", "inner run started",
				"outer before model", "inner before model", "inner after model", "outer after model",
				"outer before tool lookupOrder", "inner before tool lookupOrder",
				"inner after tool lookupOrder none", "outer after tool lookupOrder none",
				"outer before model", "inner before model", "inner after model", "outer after model",
				"inner run ended completed", "outer run ended completed");
	}

	@Test
	void aMiddlewareThatThrowsIsCountedAndSkippedAndTheOthersStillRun() {
		RunMiddleware broken = new RunMiddleware() {
			@Override
			public @Nullable ChatResponse beforeModelCall(ModelCall call) {
				throw new IllegalStateException("broken middleware");
			}

			@Override
			public void runEnded(Run run, RunRecord record) {
				throw new IllegalStateException("broken middleware");
			}
		};
		Assistant assistant = assistant(broken, new Tracing("after"));

		String answer = assistant.chat("lookupOrder ORD-1");

		assertThat(answer).contains("shipped");
		assertThat(this.seen).contains("after before model", "after run ended completed");
		assertThat(this.runs.single().outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(this.registry.get("vigil.internal.errors").tag("component", "middleware").counter().count())
			.isEqualTo(3);
	}

	@Test
	void aMiddlewareMayRewriteTheRequestAndReplaceAToolResult() {
		RunMiddleware rewriting = new RunMiddleware() {
			@Override
			public @Nullable ChatResponse beforeModelCall(ModelCall call) {
				call.request(ChatRequest.builder().messages(call.request().messages()).modelName("rewritten").build());
				return null;
			}

			@Override
			public ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
				return ToolExecutionResult.builder().resultText("{\"status\":\"replaced\"}").build();
			}
		};
		Assistant assistant = assistant(rewriting);

		String answer = assistant.chat("lookupOrder ORD-1");

		assertThat(answer).isEqualTo("Result: {\"status\":\"replaced\"}");
		assertThat(this.registry.get("gen_ai.client.operation.duration").tag("gen_ai.request.model", "rewritten")
			.timer().count()).isEqualTo(2);
		assertThat(this.runs.single().toolCalls()).singleElement()
			.satisfies((call) -> assertThat(call.success()).isTrue());
	}

	@Test
	void perRunStateBelongsToTheMiddlewareThatMadeIt() {
		record Calls(List<String> tools) {
		}
		RunMiddleware counting = new RunMiddleware() {
			@Override
			public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
				call.run().state(Calls.class, () -> new Calls(new CopyOnWriteArrayList<>())).tools().add(call.tool());
				return null;
			}

			@Override
			public void runEnded(Run run, RunRecord record) {
				Calls calls = run.state(Calls.class);
				RunMiddlewareTests.this.seen.add("calls " + ((calls != null) ? calls.tools() : List.of()));
			}
		};
		Assistant assistant = assistant(counting);

		assistant.chat("lookupOrder ORD-1");
		assistant.chat("none");

		assertThat(this.seen).containsExactly("calls [lookupOrder]", "calls []");
	}

	@Test
	void aGuardOfTheApplicationEndsTheRunWithAGracefulAnswerAndSaysSo() {
		RunMiddleware noLegacy = new RunMiddleware() {
			@Override
			public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
				if (call.run() != null && call.tool().equals("legacyLookup")) {
					call.run().end(new GuardTrip("legacy", "deprecated-tool", call.tool(), 1,
							call.request().arguments(), "", "the legacy endpoint is retired"), GuardAction.END,
							"Let me connect you with a colleague.");
					return ToolExecutionResult.builder().isError(true).resultText("refused").build();
				}
				return null;
			}
		};
		Assistant assistant = assistant(noLegacy);

		String answer = assistant.chat("legacyLookup ORD-1");

		assertThat(answer).isEqualTo("Let me connect you with a colleague.");
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.errorType()).isEqualTo("legacy");
		assertThat(run.toolCalls()).as("a refused call did not run").isEmpty();
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.rule()).isEqualTo("deprecated-tool");
			assertThat(trip.action()).isEqualTo("ended");
		});
		assertThat(this.registry.get("vigil.guard.trips").tag("guard", "legacy").tag("action", "ended").counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aToolTheModelInventsIsAStepOfItsRunAndCountsTowardTheLoopGuard() {
		this.vigil = Vigil.builder(this.registry).runLog(false).sink(this.runs).build();
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new SupportTools())
			.hallucinatedToolNameStrategy((request) -> ToolExecutionResultMessage.from(request, "No such tool"))
			.build();

		assistant.chat("refundEverything ORD-1");

		RunRecord run = this.runs.single();
		assertThat(run.toolCalls()).singleElement().satisfies((call) -> {
			assertThat(call.tool()).isEqualTo(ToolCall.UNKNOWN_TOOL);
			assertThat(call.success()).isFalse();
		});
		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "_unknown").timer()
			.count()).as("metrics and the run agree").isEqualTo(run.toolCalls().size());
		assertThat(this.registry.get("vigil.run.tool.calls").summary().totalAmount()).isEqualTo(1);
	}

	@Test
	void aModelInventingTheSameToolAgainAndAgainIsStoppedByTheLoopGuard() {
		this.vigil = Vigil.builder(this.registry).runLog(false).sink(this.runs).build();
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder()
						.aiMessage(AiMessage.from(ToolExecutionRequest.builder()
							.id("call-" + System.nanoTime())
							.name("refundEverything")
							.arguments("{}")
							.build()))
						.build();
				}
			}))
			.tools(new SupportTools())
			.hallucinatedToolNameStrategy((request) -> ToolExecutionResultMessage.from(request, "No such tool"))
			.build();

		String answer = assistant.chat("refund");

		assertThat(answer).isEqualTo(io.github.vigil.guard.LoopPolicy.DEFAULT_MESSAGE);
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.toolCalls()).hasSize(2).allSatisfy((call) -> assertThat(call.tool()).isEqualTo("_unknown"));
		assertThat(run.guardTrips()).singleElement()
			.satisfies((trip) -> assertThat(trip.rule()).isEqualTo("identical-calls"));
	}

	/** Writes down every hook it sees. */
	private final class Tracing implements RunMiddleware {

		private final String name;

		Tracing(String name) {
			this.name = name;
		}

		@Override
		public void runStarted(Run run) {
			RunMiddlewareTests.this.seen.add(this.name + " run started");
		}

		@Override
		public @Nullable ChatResponse beforeModelCall(ModelCall call) {
			RunMiddlewareTests.this.seen.add(this.name + " before model");
			return null;
		}

		@Override
		public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
			RunMiddlewareTests.this.seen.add(this.name + " after model");
			return response;
		}

		@Override
		public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
			RunMiddlewareTests.this.seen.add(this.name + " before tool " + call.tool());
			return null;
		}

		@Override
		public ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
			RunMiddlewareTests.this.seen.add(this.name + " after tool " + call.tool() + " "
					+ ((call.errorType() != null) ? call.errorType() : "none"));
			return result;
		}

		@Override
		public void runEnded(Run run, RunRecord record) {
			RunMiddlewareTests.this.seen.add(this.name + " run ended " + record.outcome().value());
		}

	}

}
