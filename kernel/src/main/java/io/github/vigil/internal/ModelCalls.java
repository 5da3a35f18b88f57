package io.github.vigil.internal;

import java.util.function.Function;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.internal.Chain.Hook;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.RunKilledException;
import io.github.vigil.run.Usage;
import io.github.vigil.tool.ErrorTypes;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Model calls through the chain: the {@code before} hooks (which may rewrite the request, answer instead of the
 * model, or end the run), the call, and the {@code after} or {@code failed} hooks, once per call. A run a guard
 * ended answers its graceful message without calling the model, or throws {@link RunKilledException}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ModelCalls {

	private final Pipeline pipeline;

	private final Chain chain;

	ModelCalls(Pipeline pipeline, Chain chain) {
		this.pipeline = pipeline;
		this.chain = chain;
	}

	/** A synchronous model call: the before hooks, the call, the after hooks. */
	ChatResponse chat(@Nullable ActiveRun run, ChatRequest request, ChatModel model, String operation, boolean nested,
			Function<ChatRequest, ChatResponse> invocation) {
		// inside an AI service, the invocation carries the model's defaults and provider: asking the model again
		// would add calls to the user's object that do not happen without Vigil
		boolean fromInvocation = run != null && !nested;
		ModelStep step = new ModelStep(run, request,
				fromInvocation ? run.defaultRequestParameters() : model.defaultRequestParameters(),
				fromInvocation ? run.modelProvider() : model.provider(), operation, nested, false, model);
		ChatResponse answer = before(step);
		if (answer != null) {
			return answer;
		}
		ChatResponse response;
		step.started();
		try (Observation.Scope scope = step.observation().openScope()) {
			response = invocation.apply(step.request());
		}
		catch (RuntimeException | Error ex) {
			threw(step, ex);
			throw ex;
		}
		return returned(step, response);
	}

	ModelStep streamingStep(@Nullable ActiveRun run, ChatRequest request, StreamingChatModel model) {
		return new ModelStep(run, request,
				(run != null) ? run.defaultRequestParameters() : model.defaultRequestParameters(),
				(run != null) ? run.modelProvider() : model.provider(), ModelCall.CHAT, false, true, null);
	}

	/**
	 * Runs the before hooks of a model call.
	 * @return the answer to give instead of calling the model, or {@code null} to call it
	 * @throws RunKilledException when a guard ended the run with an error
	 */
	@Nullable ChatResponse before(ModelStep step) {
		ActiveRun run = step.activeRun();
		boolean guarded = run != null && !step.nested();
		if (guarded && run.ending() != null) {
			return endedAnswer(run, step);
		}
		return this.chain.firstAnswer(Hook.BEFORE_MODEL_CALL, (middleware) -> middleware.beforeModelCall(step),
				() -> (guarded && run.ending() != null) ? endedAnswer(run, step) : null);
	}

	ChatResponse returned(ModelStep step, ChatResponse response) {
		if (!step.end()) {
			return response;
		}
		ActiveRun run = step.activeRun();
		Usage usage = Usage.of((response != null) ? response.tokenUsage() : null);
		step.usage(usage);
		if (run != null) {
			// usage that is missing or cannot be true counts as unknown: it never trips a budget on its own
			if (usage.reported()) {
				run.addModelCall(usage.input(), usage.output(), usage.cacheRead(), usage.reasoning());
			}
			else {
				run.addModelCall(-1, -1, 0, 0);
			}
		}
		return this.chain.reverse(response, Hook.AFTER_MODEL_CALL,
				(middleware, current) -> middleware.afterModelCall(step, current),
				!step.streaming());
	}

	/** The model's method threw: the call failed, and an {@link Error} ends the run as well. */
	void threw(ModelStep step, Throwable error) {
		failed(step, error);
		this.pipeline.thrown(step.activeRun(), error);
	}

	void failed(ModelStep step, Throwable error) {
		if (!step.end()) {
			return;
		}
		step.errorType(ErrorTypes.of(error));
		ActiveRun run = step.activeRun();
		if (run != null) {
			run.addModelCall(-1, -1, 0, 0);
		}
		this.chain.reverse(Hook.MODEL_CALL_FAILED, (middleware) -> middleware.modelCallFailed(step, error));
	}

	/**
	 * What a call of a run a guard ended gets: the graceful answer; for a workflow's planning step, what a middleware
	 * answers for it (the integration's planner stop); else the run's {@link RunKilledException}.
	 */
	private ChatResponse endedAnswer(ActiveRun run, ModelStep step) {
		Ending ending = run.ending();
		String answer = (ending.action() == GuardAction.END && run.gracefulEnd()) ? ending.message() : null;
		if (answer != null) {
			return ChatResponse.builder()
				.aiMessage(AiMessage.from(answer))
				.finishReason(FinishReason.OTHER)
				.tokenUsage(new TokenUsage(0, 0))
				.build();
		}
		if (ending.action() == GuardAction.END && run.planning()) {
			ChatResponse planned = this.chain.firstAnswer(Hook.BEFORE_MODEL_CALL,
					(middleware) -> middleware.beforeModelCall(step), () -> null);
			if (planned != null) {
				return planned;
			}
		}
		throw new RunKilledException(run.runId(), ending.message(), ending.trip());
	}

}
