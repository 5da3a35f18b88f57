package io.github.vigil.grounding;

/**
 * What happens to an answer with unbacked items.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum HallucinationAction {

	/** Record the flags and return the answer unchanged. */
	FLAG("flagged"),

	/**
	 * Ask the model once more, telling it which items are unbacked, and return its second answer; both checks are
	 * recorded.
	 */
	REPROMPT("reprompted"),

	/** Replace the answer with the block message. */
	BLOCK("blocked");

	private final String value;

	HallucinationAction(String value) {
		this.value = value;
	}

	/**
	 * Returns the value in the run log's {@code flag_action}.
	 * @return {@code flagged}, {@code reprompted} or {@code blocked}
	 */
	public String value() {
		return this.value;
	}

}
