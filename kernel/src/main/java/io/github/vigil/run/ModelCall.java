package io.github.vigil.run;


import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import org.jspecify.annotations.Nullable;

/**
 * One model call, as middleware see it, from before it goes out until it returned or failed.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ModelCall extends Step {

	/** Operation name of an ordinary chat call. */
	String CHAT = "chat";

	/**
	 * Returns the request as it will be sent (or was sent).
	 * @return the request
	 */
	ChatRequest request();

	/**
	 * Replaces the request to send, as the context-window guard does with a summarized conversation. Only the
	 * {@code beforeModelCall} hooks may.
	 * @param request the request to send instead
	 */
	void request(ChatRequest request);

	/**
	 * Returns the model the request asks for: the request's model name, else the model's default.
	 * @return the name, {@code unknown} when neither names one
	 */
	String requestModel();

	/**
	 * Returns the model's default request parameters.
	 * @return the defaults, or {@code null}
	 */
	@Nullable ChatRequestParameters defaults();

	/**
	 * Returns the model's provider.
	 * @return the provider, or {@code null} when the model does not say
	 */
	@Nullable ModelProvider provider();

	/**
	 * Returns the operation: {@value #CHAT}, or the one a middleware gave a {@linkplain #nested() nested} call.
	 * @return the operation name
	 */
	String operation();

	/**
	 * Returns whether a middleware made this call (a summary, a second try) rather than the AI service.
	 * @return whether the call is nested
	 */
	boolean nested();

	@Override
	default StepKind kind() {
		return StepKind.MODEL_CALL;
	}

	@Override
	default String name() {
		return requestModel();
	}

	/**
	 * Returns whether the call streams its answer.
	 * @return whether it streams
	 */
	boolean streaming();

	/**
	 * Returns the chat model that serves this call, for a middleware that calls it again through
	 * {@link Run#callModel}.
	 * @return the model, or {@code null} for a streaming call
	 */
	@Nullable ChatModel model();

	/**
	 * Returns the tokens the provider reported for this call, in detail, once it returned.
	 * @return the usage; {@link Usage#MISSING} before the response or when the provider reported none
	 */
	Usage usage();

	/**
	 * Returns, for a streaming call, how long the first chunk (text, thinking or a tool call) took to arrive.
	 * @return nanoseconds from the start of the call, {@code -1} when no chunk arrived or the call is not streaming
	 */
	long timeToFirstChunkNanos();

	/**
	 * Returns, for a streaming call, how many chunks arrived.
	 * @return the chunks, 0 for a call that is not streaming
	 */
	int chunks();

}
