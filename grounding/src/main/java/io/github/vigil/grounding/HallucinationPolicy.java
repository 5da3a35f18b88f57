package io.github.vigil.grounding;

import java.util.Objects;

/**
 * The hallucination proxy's settings.
 *
 * @param enabled whether every final answer of a run is checked
 * @param action what happens to an answer with unbacked items
 * @param blockMessage the answer given instead of a blocked one
 * @param reviewCapacity how many flagged answers the review queue keeps, newest first
 * @author Vigil contributors
 * @since 0.1.0
 */
public record HallucinationPolicy(boolean enabled, HallucinationAction action, String blockMessage,
		int reviewCapacity) {

	/** The default block message. */
	public static final String DEFAULT_BLOCK_MESSAGE = "Sorry, I can't confirm that right now. I've passed your "
			+ "question to a colleague who will follow up.";

	public HallucinationPolicy {
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(blockMessage, "blockMessage must not be null");
		if (reviewCapacity < 0) {
			throw new IllegalArgumentException("reviewCapacity must not be negative, was " + reviewCapacity);
		}
	}

	/**
	 * Returns the defaults: on, flag only, the default block message, 500 reviews kept.
	 * @return the default policy
	 */
	public static HallucinationPolicy defaults() {
		return new HallucinationPolicy(true, HallucinationAction.FLAG, DEFAULT_BLOCK_MESSAGE, 500);
	}

}
