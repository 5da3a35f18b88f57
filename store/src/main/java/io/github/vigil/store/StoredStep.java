package io.github.vigil.store;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * One step of a stored run: a model call or a tool call, with its place on the run's timeline.
 *
 * @param index the step's position in the run, from 0, in the order the steps started
 * @param kind {@link #MODEL} or {@link #TOOL}
 * @param startOffsetMicros when the step started, in microseconds after the run started
 * @param durationMicros how long it took, in microseconds
 * @param name the tool name for a tool call, the requested model for a model call
 * @param outcome {@link #SUCCESS} or {@link #ERROR}
 * @param errorType bounded error type, {@code null} on success
 * @param errorMessage the failure's message, truncated and redacted, {@code null} on success
 * @param arguments a tool call's arguments as JSON text, truncated and redacted; {@code null} for model calls
 * @param resultExcerpt the start of a tool call's result, truncated and redacted; {@code null} for model calls
 * @param responseModel the model that answered, {@code null} for tool calls or when not reported
 * @param inputTokens a model call's input tokens, 0 for tool calls
 * @param outputTokens a model call's output tokens, 0 for tool calls
 * @param finishReason a model call's finish reason in lower case, {@code null} when not reported
 * @param operation a model call's operation ({@code chat}, or {@code summarize} for a guard's summary)
 * @param cost what a model call cost, {@code null} when not priced and for tool calls
 * @param server the MCP server that served a tool call (the MCP client's key), {@code null} for other steps
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StoredStep(int index, String kind, long startOffsetMicros, long durationMicros, String name,
		String outcome, @Nullable String errorType, @Nullable String errorMessage, @Nullable String arguments,
		@Nullable String resultExcerpt, @Nullable String responseModel, long inputTokens, long outputTokens,
		@Nullable String finishReason, @Nullable String operation, @Nullable BigDecimal cost, @Nullable String server) {

	/**
	 * A step that no MCP server served.
	 * @param index the step's position in the run
	 * @param kind its kind
	 * @param startOffsetMicros when it started, after the run started
	 * @param durationMicros how long it took
	 * @param name its name
	 * @param outcome its outcome
	 * @param errorType its error type
	 * @param errorMessage its failure's message
	 * @param arguments a tool call's arguments
	 * @param resultExcerpt the start of a tool call's result
	 * @param responseModel the model that answered
	 * @param inputTokens input tokens
	 * @param outputTokens output tokens
	 * @param finishReason the finish reason
	 * @param operation a model call's operation
	 * @param cost what a model call cost
	 */
	public StoredStep(int index, String kind, long startOffsetMicros, long durationMicros, String name, String outcome,
			@Nullable String errorType, @Nullable String errorMessage, @Nullable String arguments,
			@Nullable String resultExcerpt, @Nullable String responseModel, long inputTokens, long outputTokens,
			@Nullable String finishReason, @Nullable String operation, @Nullable BigDecimal cost) {
		this(index, kind, startOffsetMicros, durationMicros, name, outcome, errorType, errorMessage, arguments,
				resultExcerpt, responseModel, inputTokens, outputTokens, finishReason, operation, cost, null);
	}

	/** Kind of a model call. */
	public static final String MODEL = "model";

	/** Kind of a tool call. */
	public static final String TOOL = "tool";

	/** Outcome of a step that succeeded. */
	public static final String SUCCESS = "success";

	/** Outcome of a step that failed. */
	public static final String ERROR = "error";

	/**
	 * Returns whether this step is a tool call.
	 * @return whether it is
	 */
	public boolean isTool() {
		return TOOL.equals(this.kind);
	}

	/**
	 * Returns whether this step failed.
	 * @return whether it did
	 */
	public boolean failed() {
		return ERROR.equals(this.outcome);
	}

	StoredStep withIndex(int index) {
		return new StoredStep(index, this.kind, this.startOffsetMicros, this.durationMicros, this.name, this.outcome,
				this.errorType, this.errorMessage, this.arguments, this.resultExcerpt, this.responseModel,
				this.inputTokens, this.outputTokens, this.finishReason, this.operation, this.cost, this.server);
	}

}
