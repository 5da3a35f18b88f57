package io.github.vigil.internal;

import java.util.List;
import java.util.Set;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
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
import io.github.vigil.run.RunKilledException;
import io.micrometer.observation.Observation;

/**
 * A {@link StreamingChatModel} whose calls go through the run pipeline, like {@link ObservedChatModel}: each
 * method calls the delegate's method of the same signature. The call ends when the stream completes or fails, on
 * whichever thread that happens; the after hooks run there, before the caller's handler hears of it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedStreamingChatModel implements StreamingChatModel, ObservedModel {

	private final StreamingChatModel delegate;

	private final Pipeline pipeline;

	private final boolean ownsTextChat;

	private final boolean ownsListChat;

	/**
	 * Creates the decorator.
	 * @param delegate the model to observe
	 * @param pipeline the pipeline its calls go through
	 */
	public ObservedStreamingChatModel(StreamingChatModel delegate, Pipeline pipeline) {
		this.delegate = delegate;
		this.pipeline = pipeline;
		Class<?> type = delegate.getClass();
		this.ownsTextChat = Overrides.overrides(type, StreamingChatModel.class, "chat", String.class,
				StreamingChatResponseHandler.class);
		this.ownsListChat = Overrides.overrides(type, StreamingChatModel.class, "chat", List.class,
				StreamingChatResponseHandler.class);
	}

	@Override
	public Pipeline pipeline() {
		return this.pipeline;
	}

	@Override
	public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
		stream(request, handler, null);
	}

	@Override
	public void chat(ChatRequest request, ChatRequestOptions options, StreamingChatResponseHandler handler) {
		stream(request, handler, options);
	}

	@Override
	public void chat(String userMessage, StreamingChatResponseHandler handler) {
		if (this.ownsTextChat) {
			this.delegate.chat(userMessage, handler);
		}
		else {
			StreamingChatModel.super.chat(userMessage, handler);
		}
	}

	@Override
	public void chat(List<ChatMessage> messages, StreamingChatResponseHandler handler) {
		if (this.ownsListChat) {
			this.delegate.chat(messages, handler);
		}
		else {
			StreamingChatModel.super.chat(messages, handler);
		}
	}

	private void stream(ChatRequest request, StreamingChatResponseHandler handler, ChatRequestOptions options) {
		ModelStep step = this.pipeline.modelCalls()
			.streamingStep(this.pipeline.registry().claimRequest(request), request, this.delegate);
		ChatResponse answer;
		try {
			answer = this.pipeline.modelCalls().before(step);
		}
		catch (RunKilledException ex) {
			handler.onError(ex);
			return;
		}
		if (answer != null) {
			if (answer.aiMessage() != null && answer.aiMessage().text() != null) {
				handler.onPartialResponse(answer.aiMessage().text());
			}
			handler.onCompleteResponse(answer);
			return;
		}
		StreamingChatResponseHandler observed = new ObservedHandler(handler, step, this.pipeline);
		step.started();
		try (Observation.Scope scope = step.observation().openScope()) {
			if (options != null) {
				this.delegate.chat(step.request(), options, observed);
			}
			else {
				this.delegate.chat(step.request(), observed);
			}
		}
		catch (RuntimeException | Error ex) {
			this.pipeline.modelCalls().threw(step, ex);
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
		return this.delegate.listeners();
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

		private final ModelStep step;

		private final Pipeline pipeline;

		ObservedHandler(StreamingChatResponseHandler handler, ModelStep step, Pipeline pipeline) {
			this.handler = handler;
			this.step = step;
			this.pipeline = pipeline;
		}

		@Override
		public void onPartialResponse(String partialResponse) {
			this.step.chunk();
			this.handler.onPartialResponse(partialResponse);
		}

		@Override
		public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
			this.step.chunk();
			this.handler.onPartialResponse(partialResponse, context);
		}

		@Override
		public void onPartialThinking(PartialThinking partialThinking) {
			this.step.chunk();
			this.handler.onPartialThinking(partialThinking);
		}

		@Override
		public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
			this.step.chunk();
			this.handler.onPartialThinking(partialThinking, context);
		}

		@Override
		public void onPartialToolCall(PartialToolCall partialToolCall) {
			this.step.chunk();
			this.handler.onPartialToolCall(partialToolCall);
		}

		@Override
		public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
			this.step.chunk();
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
			this.pipeline.modelCalls().returned(this.step, completeResponse);
			this.handler.onCompleteResponse(completeResponse);
		}

		@Override
		public void onError(Throwable error) {
			this.pipeline.modelCalls().failed(this.step, error);
			this.handler.onError(error);
		}

	}

}
