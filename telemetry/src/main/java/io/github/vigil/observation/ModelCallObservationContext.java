package io.github.vigil.observation;

import io.github.vigil.metrics.Conventions;

import io.github.vigil.run.Usage;
import org.jspecify.annotations.Nullable;

/**
 * Context of a model call's observation ({@code chat {model}}).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ModelCallObservationContext extends StepObservationContext {

	private final String operation;

	private final String agent;

	private final String provider;

	private final String requestModel;

	private String responseModel = "unknown";

	private String errorType = "none";

	private long inputTokens = -1;

	private long outputTokens = -1;

	private @Nullable String finishReason;

	private @Nullable String inputMessages;

	private @Nullable String outputMessage;

	private Usage usage = Usage.MISSING;

	private Conventions conventions = Conventions.LATEST;

	/**
	 * Returns whether the previous GenAI conventions' attribute names go on the span beside the current ones.
	 * @return the conventions
	 */
	public Conventions getConventions() {
		return this.conventions;
	}

	/**
	 * Sets whether the previous GenAI conventions' attribute names go on the span beside the current ones.
	 * @param conventions the conventions
	 */
	public void setConventions(Conventions conventions) {
		this.conventions = conventions;
	}

	/**
	 * Returns the call's usage in detail.
	 * @return the usage
	 */
	public Usage getUsage() {
		return this.usage;
	}

	/**
	 * Sets the call's usage in detail.
	 * @param usage the usage
	 */
	public void setUsage(Usage usage) {
		this.usage = usage;
	}

	public ModelCallObservationContext(String operation, String agent, String provider, String requestModel) {
		this.operation = operation;
		this.agent = agent;
		this.provider = provider;
		this.requestModel = requestModel;
	}

	/**
	 * Returns the operation: {@code chat}, or {@code summarize} for the context-window guard's summaries.
	 * @return the operation name
	 */
	public String getOperation() {
		return this.operation;
	}

	public String getAgent() {
		return this.agent;
	}

	public String getProvider() {
		return this.provider;
	}

	public String getRequestModel() {
		return this.requestModel;
	}

	public String getResponseModel() {
		return this.responseModel;
	}

	public void setResponseModel(String responseModel) {
		this.responseModel = responseModel;
	}

	public String getErrorType() {
		return this.errorType;
	}

	public void setErrorType(String errorType) {
		this.errorType = errorType;
	}

	public long getInputTokens() {
		return this.inputTokens;
	}

	public long getOutputTokens() {
		return this.outputTokens;
	}

	public void setTokens(long inputTokens, long outputTokens) {
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
	}

	public @Nullable String getFinishReason() {
		return this.finishReason;
	}

	public void setFinishReason(@Nullable String finishReason) {
		this.finishReason = finishReason;
	}

	/**
	 * Returns the request messages, set only when content is included in traces.
	 * @return the messages or {@code null}
	 */
	public @Nullable String getInputMessages() {
		return this.inputMessages;
	}

	public void setInputMessages(@Nullable String inputMessages) {
		this.inputMessages = inputMessages;
	}

	/**
	 * Returns the answer, set only when content is included in traces.
	 * @return the answer or {@code null}
	 */
	public @Nullable String getOutputMessage() {
		return this.outputMessage;
	}

	public void setOutputMessage(@Nullable String outputMessage) {
		this.outputMessage = outputMessage;
	}

}
