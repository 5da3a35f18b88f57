package io.github.vigil.run;

/**
 * How a run ended.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum RunOutcome {

	/** The AI-service method returned. */
	COMPLETED("completed"),

	/** The AI-service method threw, or the run was abandoned. */
	ERROR("error"),

	/** A guard ended the run (a loop, a budget). */
	KILLED("killed");

	private final String value;

	RunOutcome(String value) {
		this.value = value;
	}

	/**
	 * Returns the value used in metrics and the run log.
	 * @return the lower-case value
	 */
	public String value() {
		return this.value;
	}

}
