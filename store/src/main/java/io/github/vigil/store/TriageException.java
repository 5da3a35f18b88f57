package io.github.vigil.store;

/**
 * A triage question that cannot be answered as asked, with a message safe to show the caller.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class TriageException extends RuntimeException {

	private final Reason reason;

	/**
	 * Creates the exception.
	 * @param reason why
	 * @param message what to tell the caller
	 */
	public TriageException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Returns why the question cannot be answered.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/** Why a triage question cannot be answered; each maps to one HTTP status. */
	public enum Reason {

		/** The input is malformed or out of range (400). */
		INVALID,

		/** The run or step is not stored (404). */
		NOT_FOUND,

		/** The application does not allow it: replay is off, or the tool is not replayable (403). */
		REFUSED,

		/** It cannot be done with what was stored (409). */
		NOT_REPLAYABLE

	}

}
