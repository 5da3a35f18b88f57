package io.github.vigil.observation;

/**
 * What a failed step's observation carries as its error when nothing was thrown: a tool that returned an HTML page,
 * a run ended by a guard. Tracers mark the span failed from it (Zipkin's {@code error} tag, OpenTelemetry's error
 * status). Its message is the bounded error type, never content; it has no stack trace.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class FailedStep extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the failure.
	 * @param errorType the bounded error type
	 */
	public FailedStep(String errorType) {
		super(errorType, null, false, false);
	}

}
