package io.github.vigil.tool;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.observation.ToolCallObservationContext;
import io.github.vigil.run.Run;
import io.github.vigil.run.ToolCallRecord;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * One tool call in flight. It ends exactly once: {@link #returned} when the tool returned (usable or not), or
 * {@link #failed} when it threw.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ToolCall {

	private static final int MESSAGE_SNIPPET = 200;

	private final ToolCallRecorder recorder;

	private final String tool;

	private final ToolExecutionRequest request;

	private final @Nullable Run run;

	private final String agent;

	private final long startNanos;

	private final Observation observation;

	private final @Nullable ToolCallObservationContext observationContext;

	ToolCall(ToolCallRecorder recorder, String tool, ToolExecutionRequest request, @Nullable Run run, String agent,
			Observation observation, @Nullable ToolCallObservationContext observationContext) {
		this.recorder = recorder;
		this.tool = tool;
		this.request = request;
		this.run = run;
		this.agent = agent;
		this.observation = observation;
		this.observationContext = observationContext;
		this.startNanos = System.nanoTime();
	}

	Observation.Scope openScope() {
		return this.observation.openScope();
	}

	/**
	 * Ends the call with what the tool returned; the result is classified, so an HTML page, broken JSON or an
	 * empty answer count as errors.
	 * @param result the tool's result
	 */
	public void returned(@Nullable ToolExecutionResult result) {
		returned(result, System.nanoTime() - this.startNanos);
	}

	void returned(@Nullable ToolExecutionResult result, long nanos) {
		try {
			String text = text(result);
			String errorType = this.recorder.classify(this.tool, text);
			if (errorType == null && result != null && result.isError()) {
				errorType = ErrorTypes.OTHER;
			}
			String message = (errorType != null) ? describe(errorType, text) : null;
			end(nanos, errorType, message, text, null);
		}
		catch (RuntimeException ex) {
			this.recorder.failures().record("tool-call", ex);
		}
	}

	/**
	 * Ends the call with what the tool threw.
	 * @param error the exception
	 */
	public void failed(Throwable error) {
		long nanos = System.nanoTime() - this.startNanos;
		try {
			Throwable cause = (error instanceof ToolExecutionException && error.getCause() != null) ? error.getCause()
					: error;
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName();
			end(nanos, ErrorTypes.of(error), message, null, error);
		}
		catch (RuntimeException ex) {
			this.recorder.failures().record("tool-call", ex);
		}
	}

	private void end(long nanos, @Nullable String errorType, @Nullable String message, @Nullable String result,
			@Nullable Throwable error) {
		String type = (errorType != null) ? errorType : TagKeys.ERROR_NONE;
		this.recorder.meters().recordToolCall(this.tool, this.agent, type, nanos);
		if (this.run != null) {
			this.run.addToolCall(new ToolCallRecord(this.tool, this.request.arguments(), errorType == null, nanos,
					errorType, message));
		}
		if (this.observationContext != null) {
			this.observationContext.setErrorType(type);
			if (this.recorder.includeContent()) {
				this.observationContext.setResult(result);
			}
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}
	}

	private static @Nullable String text(@Nullable ToolExecutionResult result) {
		if (result == null) {
			return "";
		}
		try {
			String text = result.resultText();
			return (text != null) ? text : "";
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String describe(String errorType, @Nullable String text) {
		String snippet = (text == null) ? ""
				: text.strip().substring(0, Math.min(text.strip().length(), MESSAGE_SNIPPET));
		return switch (errorType) {
			case ErrorTypes.HTML_RESPONSE -> "tool returned an HTML page: " + snippet;
			case ErrorTypes.INVALID_JSON -> "tool returned malformed JSON: " + snippet;
			case ErrorTypes.EMPTY_RESULT -> "tool returned an empty result";
			default -> "tool reported an error: " + snippet;
		};
	}

}
