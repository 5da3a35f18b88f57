package io.github.vigil.internal;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.observability.api.event.AiServiceCompletedEvent;
import dev.langchain4j.observability.api.event.AiServiceErrorEvent;
import dev.langchain4j.observability.api.event.AiServiceRequestIssuedEvent;
import dev.langchain4j.observability.api.event.AiServiceStartedEvent;
import dev.langchain4j.observability.api.listener.AiServiceCompletedListener;
import dev.langchain4j.observability.api.listener.AiServiceErrorListener;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.AiServiceRequestIssuedListener;
import dev.langchain4j.observability.api.listener.AiServiceStartedListener;
import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.service.Result;
import dev.langchain4j.service.TokenStream;
import io.github.vigil.run.PromptVersion;
import io.github.vigil.run.StructuredOutput;
import org.jspecify.annotations.Nullable;

/**
 * The context of one AI service: it opens a run when the service is called, attributes each model request to it,
 * observes the tools, and ends the run when the call returns or throws. The pipeline it reports to is the one
 * that observes the service's chat model, else the installed default; with neither, it does nothing.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedAiServiceContext extends AiServiceContext {

	private final String agent;

	private volatile @Nullable Pipeline pipeline;

	private final Map<String, Boolean> gracefulEnd = new ConcurrentHashMap<>();

	private final Map<String, Boolean> structured = new ConcurrentHashMap<>();

	private final Prompts prompts;

	ObservedAiServiceContext(Class<?> aiServiceClass) {
		super(aiServiceClass);
		this.agent = aiServiceClass.getSimpleName().isEmpty() ? aiServiceClass.getName()
				: aiServiceClass.getSimpleName();
		this.toolService = new ObservedToolService(this);
		this.prompts = new Prompts(aiServiceClass);
		this.eventListenerRegistrar.register((AiServiceStartedListener) this::started);
		this.eventListenerRegistrar.register((AiServiceRequestIssuedListener) this::requestIssued);
		this.eventListenerRegistrar.register((AiServiceCompletedListener) this::completed);
		this.eventListenerRegistrar.register((AiServiceErrorListener) this::failed);
	}

	/**
	 * Returns the agent name: the AI-service interface's simple name.
	 * @return the agent name
	 */
	public String agent() {
		return this.agent;
	}

	/**
	 * Returns the pipeline this service reports to.
	 * @return the pipeline, or {@code null} when none is reachable
	 */
	@Nullable Pipeline pipeline() {
		return this.pipeline;
	}

	private void started(AiServiceStartedEvent event) {
		Pipeline current = this.pipeline;
		if (current == null) {
			current = attach();
		}
		if (current != null) {
			UserMessage message = event.userMessage();
			String input = (message != null && message.hasSingleText()) ? message.singleText()
					: (message != null) ? String.valueOf(message.contents()) : null;
			ActiveRun run = current.start(event.invocationContext(), this.agent, input,
					this.gracefulEnd.computeIfAbsent(event.invocationContext().methodName(), this::returnsText),
					hasChatMemory()
							? this.chatMemoryService.getOrCreateChatMemory(event.invocationContext().chatMemoryId())
							: null);
			PromptVersion prompt = current.attachment().promptVersion(this.agent, this.prompts.of(
					event.invocationContext().methodName(), event.systemMessage().map(SystemMessage::text).orElse(null)));
			if (prompt != null) {
				run.fact(prompt);
			}
			if (this.structured.computeIfAbsent(event.invocationContext().methodName(), this::returnsStructured)) {
				run.fact(StructuredOutput.EXPECTED);
			}
		}
	}

	private void requestIssued(AiServiceRequestIssuedEvent event) {
		Pipeline current = this.pipeline;
		if (current != null) {
			ActiveRun run = current.registry().get(event.invocationContext().invocationId());
			if (run != null) {
				current.registry().expectRequest(event.request(), run);
			}
		}
	}

	private void completed(AiServiceCompletedEvent event) {
		Pipeline current = this.pipeline;
		if (current != null) {
			ActiveRun run = current.registry().get(event.invocationContext().invocationId());
			if (run != null) {
				current.complete(run, outputText(event.result()));
			}
		}
	}

	private void failed(AiServiceErrorEvent event) {
		Pipeline current = this.pipeline;
		if (current == null) {
			current = attach();
		}
		if (current != null) {
			current.fail(event.invocationContext(), this.agent, event.error());
		}
	}

	/**
	 * Finds the pipeline to report to and makes sure the service's models are observed by it. Once found, the service
	 * keeps reporting to it; until then, every call looks again.
	 */
	private synchronized @Nullable Pipeline attach() {
		Pipeline found = null;
		if (this.chatModel instanceof ObservedModel observed) {
			found = observed.pipeline();
		}
		else if (this.streamingChatModel instanceof ObservedModel observed) {
			found = observed.pipeline();
		}
		if (found == null) {
			found = Attachments.attachedTo(this.chatModel);
		}
		if (found == null) {
			found = Attachments.attachedTo(this.streamingChatModel);
		}
		if (found == null) {
			found = Attachments.defaultPipeline();
		}
		if (found != null) {
			if (this.chatModel != null && !(this.chatModel instanceof ObservedModel)) {
				this.chatModel = new ObservedChatModel(this.chatModel, found);
			}
			if (this.streamingChatModel != null && !(this.streamingChatModel instanceof ObservedModel)) {
				this.streamingChatModel = new ObservedStreamingChatModel(this.streamingChatModel, found);
			}
		}
		if (found != null && this.pipeline == null) {
			// what the capabilities listen to in the AI service's own events (its guardrails' decisions)
			for (AiServiceListener<?> listener : found.attachment().aiServiceListeners()) {
				this.eventListenerRegistrar.register(listener);
			}
			// its moderation model's checks, which it runs on an executor with no invocation context
			if (this.moderationModel != null) {
				this.moderationModel = found.attachment().moderationModel(this.moderationModel);
			}
		}
		this.pipeline = found;
		return found;
	}

	/**
	 * Whether every method of this name returns text a graceful answer can stand in for.
	 */
	private boolean returnsText(String methodName) {
		return everyMethodReturns(methodName, (type) -> type == String.class || type == TokenStream.class
				|| (type instanceof ParameterizedType parameterized && parameterized.getRawType() == Result.class
						&& parameterized.getActualTypeArguments()[0] == String.class));
	}

	/** Whether every method of this name returns what LangChain4j parses from the answer: not text, not the message. */
	private boolean returnsStructured(String methodName) {
		return everyMethodReturns(methodName, (returned) -> {
			Type type = returned;
			Type raw = (type instanceof ParameterizedType parameterized) ? parameterized.getRawType() : type;
			if (raw == Result.class && type instanceof ParameterizedType parameterized) {
				type = parameterized.getActualTypeArguments()[0];
				raw = (type instanceof ParameterizedType inner) ? inner.getRawType() : type;
			}
			return !(raw == String.class || raw == TokenStream.class || raw == void.class || raw == Void.class
					|| raw == ChatResponse.class || raw == dev.langchain4j.data.message.AiMessage.class
					|| !(raw instanceof Class<?>));
		});
	}

	/**
	 * Whether the service has a method of this name, not a default one, and every such method's return type (the
	 * service's declared one when it has one) is of a kind.
	 */
	private boolean everyMethodReturns(String methodName, Predicate<Type> kind) {
		boolean found = false;
		for (Method method : this.aiServiceClass.getMethods()) {
			if (!method.getName().equals(methodName) || method.isDefault()) {
				continue;
			}
			found = true;
			if (!kind.test((this.returnType != null) ? this.returnType : method.getGenericReturnType())) {
				return false;
			}
		}
		return found;
	}

	private static @Nullable String outputText(Optional<Object> result) {
		Object value = result.orElse(null);
		if (value instanceof Result<?> wrapped) {
			value = wrapped.content();
		}
		if (value instanceof ChatResponse response) {
			return (response.aiMessage() != null) ? response.aiMessage().text() : null;
		}
		return (value != null) ? String.valueOf(value) : null;
	}

}
