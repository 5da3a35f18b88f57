package io.github.vigil.internal;

import java.util.List;
import java.util.Set;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.ChatRequestOptions;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.run.ModelCall;

/**
 * A {@link ChatModel} whose calls go through the run pipeline. Each method calls the delegate's method of the same
 * signature, so a model that overrides {@code chat(ChatRequest)} (a router, a wrapper, a mock) behaves exactly as
 * without Vigil, and the delegate's own listeners run as before. The convenience overloads ({@code chat(String)},
 * {@code chat(ChatMessage...)}, {@code chat(List)}) are observed when the delegate inherits them, and passed
 * straight to it when it overrides them.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedChatModel implements ChatModel, ObservedModel {

	private final ChatModel delegate;

	private final Pipeline pipeline;

	private final boolean ownsTextChat;

	private final boolean ownsMessagesChat;

	private final boolean ownsListChat;

	/**
	 * Creates the decorator.
	 * @param delegate the model to observe
	 * @param pipeline the pipeline its calls go through
	 */
	public ObservedChatModel(ChatModel delegate, Pipeline pipeline) {
		this.delegate = delegate;
		this.pipeline = pipeline;
		Class<?> type = delegate.getClass();
		this.ownsTextChat = Overrides.overrides(type, ChatModel.class, "chat", String.class);
		this.ownsMessagesChat = Overrides.overrides(type, ChatModel.class, "chat", ChatMessage[].class);
		this.ownsListChat = Overrides.overrides(type, ChatModel.class, "chat", List.class);
	}

	@Override
	public Pipeline pipeline() {
		return this.pipeline;
	}

	@Override
	public ChatResponse chat(ChatRequest request) {
		return this.pipeline.modelCalls().chat(this.pipeline.registry().claimRequest(request), request, this.delegate, ModelCall.CHAT, false,
				this.delegate::chat);
	}

	@Override
	public ChatResponse chat(ChatRequest request, ChatRequestOptions options) {
		return this.pipeline.modelCalls().chat(this.pipeline.registry().claimRequest(request), request, this.delegate, ModelCall.CHAT, false,
				(sent) -> this.delegate.chat(sent, options));
	}

	@Override
	public String chat(String userMessage) {
		return this.ownsTextChat ? this.delegate.chat(userMessage) : ChatModel.super.chat(userMessage);
	}

	@Override
	public ChatResponse chat(ChatMessage... messages) {
		return this.ownsMessagesChat ? this.delegate.chat(messages) : ChatModel.super.chat(messages);
	}

	@Override
	public ChatResponse chat(List<ChatMessage> messages) {
		return this.ownsListChat ? this.delegate.chat(messages) : ChatModel.super.chat(messages);
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		return this.delegate.doChat(request);
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

}
