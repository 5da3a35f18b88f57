package io.github.vigil.test;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.Usage;
import io.github.vigil.tool.ErrorTypes;
import io.github.vigil.tool.ToolOutcomes;
import io.github.vigil.run.InternalFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Drives middleware through a run's hooks in the order the kernel does, without an AI service or a model: the
 * {@code before} hooks in order until one answers, refuses or a guard ends the run; the model's or tool's outcome you
 * give; the {@code after} hooks in reverse, each seeing what the later ones returned. A hook that throws fails the
 * test (the kernel would count and skip it: in a test, that is a bug to see).
 * <pre>{@code
 * MiddlewareTester tester = MiddlewareTester.of(new LoopGuard(LoopPolicy.defaults()));
 * FakeRun run = tester.start();
 * tester.toolCall(run, "lookupOrder", "{\"id\":\"ORD-1\"}", "{}");   // three times...
 * assertThat(run.endedBy().guard()).isEqualTo("loop");
 * }</pre>
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class MiddlewareTester {

	private final List<RunMiddleware> middleware;

	private final ToolOutcomes outcomes = new ToolOutcomes(List.of(), new InternalFailures(new SimpleMeterRegistry()));

	private MiddlewareTester(List<RunMiddleware> middleware) {
		this.middleware = List.copyOf(middleware);
	}

	/**
	 * Tests middleware, in pipeline order.
	 * @param middleware the middleware
	 * @return the tester
	 */
	public static MiddlewareTester of(RunMiddleware... middleware) {
		return new MiddlewareTester(List.of(middleware));
	}

	/**
	 * Starts a run of {@code SupportAgent} for an anonymous user.
	 * @return the run
	 */
	public FakeRun start() {
		return start(FakeRun.of());
	}

	/**
	 * Starts a run: {@code runStarted}, or {@code agentStarted} for a sub-agent's run nested in a workflow's.
	 * @param run the run
	 * @return the run
	 */
	public FakeRun start(FakeRun run) {
		for (RunMiddleware each : this.middleware) {
			if (run.parent() == null) {
				each.runStarted(run);
			}
			else if (!run.planning()) {
				each.agentStarted(run);
			}
		}
		return run;
	}

	/**
	 * A model call that answers text, with the usage the provider reports.
	 * @param run the run
	 * @param message the user's message
	 * @param answer the model's answer
	 * @param inputTokens input tokens reported
	 * @param outputTokens output tokens reported
	 * @return what happened
	 */
	public ModelCallOutcome modelCall(FakeRun run, String message, String answer, int inputTokens, int outputTokens) {
		return modelCall(run, ChatRequest.builder().messages(UserMessage.from(message)).build(), ChatResponse.builder()
			.aiMessage(AiMessage.from(answer))
			.tokenUsage(new TokenUsage(inputTokens, outputTokens))
			.build());
	}

	/**
	 * A model call of the run.
	 * @param run the run, {@code null} for a call outside any run
	 * @param request the request
	 * @param response what the model answers if it is called
	 * @return what happened
	 */
	public ModelCallOutcome modelCall(@Nullable FakeRun run, ChatRequest request, ChatResponse response) {
		FakeModelCall call = new FakeModelCall(run, request, ModelCall.CHAT, false, null);
		if (run != null && run.ended()) {
			return ModelCallOutcome.ended(call, run);
		}
		for (RunMiddleware each : this.middleware) {
			ChatResponse answer = each.beforeModelCall(call);
			if (answer != null) {
				return new ModelCallOutcome(call, answer, false, false);
			}
			if (run != null && run.ended()) {
				return ModelCallOutcome.ended(call, run);
			}
		}
		Usage usage = Usage.of(response.tokenUsage());
		call.returned(usage, 1_000_000);
		if (run != null) {
			if (usage.reported()) {
				run.addModelCall(usage.input(), usage.output(), usage.cacheRead(), usage.reasoning());
			}
			else {
				run.addModelCall(-1, -1, 0, 0);
			}
		}
		ChatResponse current = response;
		for (int i = this.middleware.size() - 1; i >= 0; i--) {
			ChatResponse next = this.middleware.get(i).afterModelCall(call, current);
			if (next != null) {
				current = next;
			}
		}
		return new ModelCallOutcome(call, current, true, false);
	}

	/**
	 * A model call that fails.
	 * @param run the run
	 * @param request the request
	 * @param error what the model throws
	 * @return the call
	 */
	public FakeModelCall failedModelCall(@Nullable FakeRun run, ChatRequest request, Throwable error) {
		FakeModelCall call = new FakeModelCall(run, request, ModelCall.CHAT, false, null);
		for (RunMiddleware each : this.middleware) {
			each.beforeModelCall(call);
		}
		call.failed(ErrorTypes.of(error), 1_000_000);
		if (run != null) {
			run.addModelCall(-1, -1, 0, 0);
		}
		for (int i = this.middleware.size() - 1; i >= 0; i--) {
			this.middleware.get(i).modelCallFailed(call, error);
		}
		return call;
	}

	/**
	 * A tool call of the run; the result is classified as the kernel classifies it ({@code html_response}, ...).
	 * @param run the run, {@code null} for a call outside any run
	 * @param tool the tool's name
	 * @param arguments the arguments the model sent
	 * @param result what the tool returns if it runs
	 * @return what happened
	 */
	public ToolCallOutcome toolCall(@Nullable FakeRun run, String tool, String arguments, String result) {
		ToolExecutionRequest request = ToolExecutionRequest.builder()
			.id("call-" + System.nanoTime())
			.name(tool)
			.arguments(arguments)
			.build();
		FakeToolCall call = new FakeToolCall(run, tool, request, false);
		if (run != null && run.ended()) {
			return new ToolCallOutcome(call, notExecuted(), false);
		}
		for (RunMiddleware each : this.middleware) {
			ToolExecutionResult refused = each.beforeToolCall(call);
			if (refused != null) {
				return new ToolCallOutcome(call, refused, false);
			}
			if (run != null && run.ended()) {
				return new ToolCallOutcome(call, notExecuted(), false);
			}
		}
		String errorType = this.outcomes.classify(tool, result);
		call.outcome(errorType, (errorType != null) ? ToolOutcomes.describe(errorType, result) : null, result,
				1_000_000);
		if (run != null) {
			run.addToolCall(call.record());
		}
		ToolExecutionResult current = ToolExecutionResult.builder().resultText(result).build();
		for (int i = this.middleware.size() - 1; i >= 0; i--) {
			ToolExecutionResult next = this.middleware.get(i).afterToolCall(call, current);
			if (next != null) {
				current = next;
			}
		}
		return new ToolCallOutcome(call, current, true);
	}

	/**
	 * Starts a step of another kind; ending it runs the {@code stepEnded} hooks in reverse order.
	 * @param run the run
	 * @param kind the kind
	 * @param name its name
	 * @return the step, to end
	 */
	public FakeOpenStep step(@Nullable FakeRun run, StepKind kind, String name) {
		FakeOpenStep[] step = new FakeOpenStep[1];
		step[0] = new FakeOpenStep(run, kind, name, () -> {
			for (int i = this.middleware.size() - 1; i >= 0; i--) {
				this.middleware.get(i).stepEnded(step[0]);
			}
		});
		for (RunMiddleware each : this.middleware) {
			each.stepStarted(step[0]);
		}
		return step[0];
	}

	/**
	 * Ends the run as the AI service returned: {@code completed}, or {@code killed} when a guard ended it.
	 * @param run the run
	 * @param output the answer
	 * @return the record every middleware's {@code runEnded} (or {@code agentEnded}) got
	 */
	public RunRecord end(FakeRun run, @Nullable String output) {
		RunRecord.Builder record = RunRecord.builder(run.runId(), run.agent())
			.timestamp(Instant.now())
			.user(run.userId(), run.memoryId())
			.content(run.input(), output)
			.toolCalls(run.toolCallRecords())
			.tokens(run.inputTokens(), run.outputTokens(), run.cacheReadTokens(), run.reasoningTokens())
			.modelCalls(run.modelCalls())
			.durationNanos(1_000_000)
			.guardTrips(run.trips())
			.facts(run.facts());
		if (run.endedBy() != null) {
			record.ending(RunOutcome.KILLED, run.endedBy().guard(), run.endedBy().reason());
		}
		RunRecord finished = record.build();
		for (int i = this.middleware.size() - 1; i >= 0; i--) {
			if (run.parent() == null) {
				this.middleware.get(i).runEnded(run, finished);
			}
			else if (!run.planning()) {
				this.middleware.get(i).agentEnded(run, finished);
			}
		}
		return finished;
	}

	private static ToolExecutionResult notExecuted() {
		return ToolExecutionResult.builder()
			.isError(true)
			.resultText("This tool call was not executed: the run was ended by a guard.")
			.build();
	}

	/**
	 * What became of a model call.
	 *
	 * @param call the call as the middleware saw it
	 * @param response what the caller got: the model's answer as the middleware passed it on, a middleware's answer
	 * instead, or the graceful answer of a run a guard ended; {@code null} when the run was ended with an error
	 * @param modelCalled whether the model was called
	 * @param killed whether a guard ended the run with an error, which the caller gets as a {@code RunKilledException}
	 */
	public record ModelCallOutcome(FakeModelCall call, @Nullable ChatResponse response, boolean modelCalled,
			boolean killed) {

		static ModelCallOutcome ended(FakeModelCall call, FakeRun run) {
			boolean graceful = run.endedBy() != null && GuardAction.END.tripValue().equals(run.endedBy().action());
			return graceful ? new ModelCallOutcome(call, ChatResponse.builder()
				.aiMessage(AiMessage.from(Objects.requireNonNull(run.endMessage())))
				.build(), false, false) : new ModelCallOutcome(call, null, false, true);
		}

		/**
		 * Returns the answer's text.
		 * @return the text, {@code null} when there is none
		 */
		public @Nullable String text() {
			return (this.response != null && this.response.aiMessage() != null) ? this.response.aiMessage().text()
					: null;
		}

	}

	/**
	 * What became of a tool call.
	 *
	 * @param call the call as the middleware saw it, with its outcome
	 * @param result what the model gets
	 * @param executed whether the tool ran (not refused, and the run not ended)
	 */
	public record ToolCallOutcome(FakeToolCall call, ToolExecutionResult result, boolean executed) {
	}

}
