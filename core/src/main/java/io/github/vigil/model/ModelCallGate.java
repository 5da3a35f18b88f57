package io.github.vigil.model;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.Vigil;
import io.github.vigil.guard.RunGuards;
import io.github.vigil.guard.RunKilledException;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Run;
import org.jspecify.annotations.Nullable;

/**
 * What both model decorators do around a call: find the run the request belongs to, ask its guards whether and in
 * what shape the call may go out, and tell them what came back.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ModelCallGate {

	private final Vigil vigil;

	ModelCallGate(Vigil vigil) {
		this.vigil = vigil;
	}

	/**
	 * Finds the run a request was announced for.
	 * @param request the request
	 * @return the run, or {@code null} outside any AI service
	 */
	@Nullable Run runOf(ChatRequest request) {
		return this.vigil.runs().claimRequest(request);
	}

	/**
	 * Asks the run's guards about the call.
	 * @param run the run
	 * @param request the request
	 * @param model the model name
	 * @param summarizerModel the model that writes summaries, {@code null} when none can be called synchronously
	 * @return the decision; on an internal failure, the request unchanged
	 * @throws RunKilledException when a guard ended the run with an error
	 */
	RunGuards.Decision check(Run run, ChatRequest request, String model, @Nullable ChatModel summarizerModel) {
		try {
			return this.vigil.guards().beforeModelCall(run, request, model,
					(summarizerModel != null) ? (summaryRun, summary) -> summarize(summaryRun, summary, summarizerModel)
							: null);
		}
		catch (RunKilledException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			this.vigil.failures().record("guard", ex);
			return new RunGuards.Decision(request, null);
		}
	}

	/**
	 * Tells the run's guards what a call returned.
	 * @param run the run
	 * @param request the request sent
	 * @param response the response
	 */
	void returned(Run run, ChatRequest request, @Nullable ChatResponse response) {
		try {
			this.vigil.guards().afterModelCall(run, request, response);
		}
		catch (RuntimeException ex) {
			this.vigil.failures().record("guard", ex);
		}
	}

	/**
	 * Hands a run's answer to the hallucination proxy.
	 * @param run the run
	 * @param request the request that produced it
	 * @param response the answer
	 * @param model the model to ask again, {@code null} when the answer cannot be replaced
	 * @return the answer to give the caller
	 */
	ChatResponse answered(Run run, ChatRequest request, ChatResponse response, @Nullable ChatModel model) {
		if (response.aiMessage() == null || response.aiMessage().hasToolExecutionRequests()) {
			return response;
		}
		return this.vigil.hallucinations()
			.review(run, request, response,
					(model != null) ? (retry) -> call(run, retry, model, TagKeys.OPERATION_CHAT) : null);
	}

	/** Calls a model directly, recording the call as a step of the run. */
	private ChatResponse call(Run run, ChatRequest request, ChatModel model, String operation) {
		ModelCall call = this.vigil.modelCalls()
			.start(run, request, model.provider(), model.defaultRequestParameters(), operation);
		ChatResponse response;
		try {
			response = model.chat(request);
		}
		catch (RuntimeException ex) {
			call.failed(ex);
			throw ex;
		}
		call.succeeded(response);
		return response;
	}

	private @Nullable ChatResponse summarize(Run run, ChatRequest request, ChatModel fallback) {
		ChatModel model = (this.vigil.summarizer() != null) ? this.vigil.summarizer() : fallback;
		if (model instanceof ObservedChatModel observed) {
			model = observed.delegate();
		}
		return call(run, request, model, TagKeys.OPERATION_SUMMARIZE);
	}

}
