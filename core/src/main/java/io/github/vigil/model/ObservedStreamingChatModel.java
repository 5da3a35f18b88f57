package io.github.vigil.model;

import java.util.List;
import java.util.Set;

import dev.langchain4j.model.ModelProvider;
import io.github.vigil.Vigil;
import io.github.vigil.guard.RunGuards;
import io.github.vigil.guard.RunKilledException;
import io.github.vigil.run.Run;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StreamingChatModel} that records every call like {@link ObservedChatModel}. The call ends when the
 * stream completes or fails, on whichever thread that happens.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedStreamingChatModel implements StreamingChatModel, ObservedModel {

	private final StreamingChatModel delegate;

	private final Vigil vigil;

	private final ModelCallRecorder recorder;

	private final ModelCallGate gate;

	/**
	 * Creates the decorator; {@link Vigil#observe(StreamingChatModel)} is the usual way.
	 * @param delegate the model to observe
	 * @param vigil the Vigil that records its calls
	 */
	public ObservedStreamingChatModel(StreamingChatModel delegate, Vigil vigil) {
		this.delegate = delegate;
		this.vigil = vigil;
		this.recorder = vigil.modelCalls();
		this.gate = new ModelCallGate(vigil);
	}

	@Override
	public Vigil vigil() {
		return this.vigil;
	}

	/**
	 * Returns the model this one decorates.
	 * @return the delegate
	 */
	public StreamingChatModel delegate() {
		return this.delegate;
	}

	@Override
	public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
		Run run = this.gate.runOf(request);
		ChatRequestParameters defaults = this.delegate.defaultRequestParameters();
		if (run != null) {
			RunGuards.Decision decision;
			try {
				decision = this.gate.check(run, request, ModelCallRecorder.requestModel(request, defaults),
						this.vigil.summarizer());
			}
			catch (RunKilledException ex) {
				handler.onError(ex);
				return;
			}
			ChatResponse answer = decision.answer();
			if (answer != null) {
				handler.onPartialResponse(answer.aiMessage().text());
				handler.onCompleteResponse(answer);
				return;
			}
			request = decision.request();
		}
		ModelCall call = this.recorder.start(run, request, this.delegate.provider(), defaults);
		try {
			this.delegate.chat(request, options, new ObservedHandler(handler, call, run, request, this.gate));
		}
		catch (RuntimeException | Error ex) {
			call.failed(ex);
			throw ex;
		}
	}

	@Override
	public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
		this.delegate.doChat(request, handler);
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return this.delegate.defaultRequestParameters();
	}

	@Override
	public List<ChatModelListener> listeners() {
		return List.of();
	}

	@Override
	public ModelProvider provider() {
		return this.delegate.provider();
	}

	@Override
	public Set<Capability> supportedCapabilities() {
		return this.delegate.supportedCapabilities();
	}

	@Override
	public String toString() {
		return "Observed[" + this.delegate + "]";
	}

	private static final class ObservedHandler implements StreamingChatResponseHandler {

		private final StreamingChatResponseHandler handler;

		private final ModelCall call;

		private final @Nullable Run run;

		private final ChatRequest request;

		private final ModelCallGate gate;

		ObservedHandler(StreamingChatResponseHandler handler, ModelCall call, @Nullable Run run, ChatRequest request,
				ModelCallGate gate) {
			this.handler = handler;
			this.call = call;
			this.run = run;
			this.request = request;
			this.gate = gate;
		}

		@Override
		public void onPartialResponse(String partialResponse) {
			this.handler.onPartialResponse(partialResponse);
		}

		@Override
		public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
			this.handler.onPartialResponse(partialResponse, context);
		}

		@Override
		public void onPartialThinking(PartialThinking partialThinking) {
			this.handler.onPartialThinking(partialThinking);
		}

		@Override
		public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
			this.handler.onPartialThinking(partialThinking, context);
		}

		@Override
		public void onPartialToolCall(PartialToolCall partialToolCall) {
			this.handler.onPartialToolCall(partialToolCall);
		}

		@Override
		public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
			this.handler.onPartialToolCall(partialToolCall, context);
		}

		@Override
		public void onCompleteToolCall(CompleteToolCall completeToolCall) {
			this.handler.onCompleteToolCall(completeToolCall);
		}

		@Override
		public void onUnmappedRawEvent(Object rawEvent) {
			this.handler.onUnmappedRawEvent(rawEvent);
		}

		@Override
		public void onCompleteResponse(ChatResponse completeResponse) {
			this.call.succeeded(completeResponse);
			if (this.run != null) {
				this.gate.returned(this.run, this.request, completeResponse);
				this.gate.answered(this.run, this.request, completeResponse, null);
			}
			this.handler.onCompleteResponse(completeResponse);
		}

		@Override
		public void onError(Throwable error) {
			this.call.failed(error);
			this.handler.onError(error);
		}

	}

}
