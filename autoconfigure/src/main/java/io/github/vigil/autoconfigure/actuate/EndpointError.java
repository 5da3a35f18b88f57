package io.github.vigil.autoconfigure.actuate;

/**
 * A question the {@code vigil} endpoint cannot answer, with the HTTP status and the message it answers instead:
 * never a stack trace.
 */
final class EndpointError extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final int status;

	private EndpointError(int status, String message) {
		super(message, null, false, false);
		this.status = status;
	}

	/** A parameter the endpoint cannot read: 400, naming it. */
	static EndpointError invalid(String message) {
		return new EndpointError(400, message);
	}

	/** Nothing there: 404. */
	static EndpointError notFound(String message) {
		return new EndpointError(404, message);
	}

	/** Turned off by a property: 403, naming it. */
	static EndpointError refused(String message) {
		return new EndpointError(403, message);
	}

	/** A run or step that cannot be replayed: 409. */
	static EndpointError conflict(String message) {
		return new EndpointError(409, message);
	}

	int status() {
		return this.status;
	}

}
