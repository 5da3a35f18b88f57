package io.github.vigil.tool;

import java.io.InterruptedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.service.output.OutputParsingException;
import org.jspecify.annotations.Nullable;

/**
 * The bounded {@code error.type} values and how a failure maps to one. A failure caused by a timeout anywhere in its
 * cause chain is {@value #TIMEOUT}, one caused by a refused, reset or unresolvable connection is
 * {@value #CONNECTION}, any other is the simple class name of the exception (unwrapped from generic wrappers), and
 * {@value #OTHER} when it has none.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ErrorTypes {

	/** A tool returned an HTML page where data was expected. */
	public static final String HTML_RESPONSE = "html_response";

	/** A tool returned text that starts like JSON but does not parse. */
	public static final String INVALID_JSON = "invalid_json";

	/** A tool returned an empty or blank result. */
	public static final String EMPTY_RESULT = "empty_result";

	/** The call or something it depends on timed out. */
	public static final String TIMEOUT = "timeout";

	/** A connection was refused, reset or could not be made. */
	public static final String CONNECTION = "connection";

	/**
	 * The model's answer could not be parsed into the AI service's return type (LangChain4j's
	 * {@code OutputParsingException}).
	 */
	public static final String OUTPUT_PARSING = "output_parsing";

	/**
	 * The tool reported an error itself: a result LangChain4j marks as an error (an MCP server's {@code isError}
	 * result among them), or LangChain4j's {@code ToolExecutionException} with no cause behind it.
	 */
	public static final String TOOL_ERROR = "tool_error";

	/** An error with no better name. */
	public static final String OTHER = "_OTHER";

	private static final int MAX_CAUSE_DEPTH = 12;

	private ErrorTypes() {
	}

	/**
	 * Returns the bounded error type of a failure.
	 * @param failure the exception
	 * @return {@value #TIMEOUT}, {@value #CONNECTION}, {@value #OUTPUT_PARSING}, a simple class name, or
	 * {@value #OTHER}
	 */
	public static String of(Throwable failure) {
		if (failure instanceof OutputParsingException) {
			return OUTPUT_PARSING;
		}
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH; depth++) {
			if (isTimeout(current)) {
				return TIMEOUT;
			}
			if (isConnection(current)) {
				return CONNECTION;
			}
			current = current.getCause();
		}
		Throwable unwrapped = unwrap(failure);
		if (unwrapped instanceof ToolExecutionException) {
			return TOOL_ERROR;
		}
		String name = unwrapped.getClass().getSimpleName();
		return name.isEmpty() ? OTHER : name;
	}

	/**
	 * Returns a failure's message as a run may keep it: for an answer that could not be parsed, what the model returned
	 * and the type it was to become, without the copy of the text in base64 that LangChain4j adds (it would carry
	 * the content past redaction).
	 * @param failure the exception
	 * @return the message, {@code null} when it has none
	 */
	public static @Nullable String message(Throwable failure) {
		String message = failure.getMessage();
		if (failure instanceof OutputParsingException && message != null) {
			int base64 = message.indexOf(" (base64: ");
			int into = message.lastIndexOf(") into ");
			if (base64 > 0 && into > base64) {
				return message.substring(0, base64) + message.substring(into + 1);
			}
		}
		return message;
	}

	private static boolean isTimeout(Throwable t) {
		return t instanceof TimeoutException || t instanceof HttpTimeoutException
				|| t instanceof InterruptedIOException || t instanceof dev.langchain4j.exception.TimeoutException;
	}

	private static boolean isConnection(Throwable t) {
		return t instanceof ConnectException || t instanceof UnknownHostException
				|| t instanceof NoRouteToHostException || t instanceof SocketException
				|| t instanceof ClosedChannelException
				|| (t instanceof java.io.IOException && isConnectionMessage(t.getMessage()));
	}

	private static boolean isConnectionMessage(String message) {
		if (message == null) {
			return false;
		}
		String lower = message.toLowerCase(java.util.Locale.ROOT);
		return lower.contains("connection reset") || lower.contains("connection refused")
				|| lower.contains("connection closed") || lower.contains("broken pipe")
				|| lower.contains("header parser received no bytes") || lower.contains("eof reached");
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		for (int depth = 0; depth < MAX_CAUSE_DEPTH && isWrapper(current) && current.getCause() != null; depth++) {
			current = current.getCause();
		}
		return current;
	}

	private static boolean isWrapper(Throwable t) {
		return t.getClass() == RuntimeException.class || t instanceof ToolExecutionException
				|| t instanceof ExecutionException || t instanceof CompletionException
				|| t instanceof InvocationTargetException || t instanceof UndeclaredThrowableException;
	}

}
