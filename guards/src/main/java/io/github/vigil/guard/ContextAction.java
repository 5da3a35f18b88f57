package io.github.vigil.guard;

/**
 * What the context-window guard does when a request reaches the threshold.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum ContextAction {

	/**
	 * Replace the oldest part of the conversation in chat memory with a summary written by a model, keeping the
	 * system message and the most recent messages; trim if that fails or is not enough.
	 */
	SUMMARIZE,

	/** Drop the oldest messages (tool requests with their results) until the request is under the threshold. */
	TRIM,

	/** Only record and log. */
	WARN

}
