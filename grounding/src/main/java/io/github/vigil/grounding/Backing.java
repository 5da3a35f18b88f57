package io.github.vigil.grounding;

import java.util.List;

/**
 * What a step brought into its run that may back the run's answers: the text of the segments a retrieval found and
 * their metadata. Published on the step by the integration that saw it; the hallucination check takes it as evidence,
 * whatever the application does with it (a content injector that leaves it out of the prompt included), and a step
 * that looked for backing and found none counts as evidence sought and missed.
 *
 * @param texts the texts, empty when the step found nothing
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Backing(List<String> texts) {

	/** A step that looked and found nothing. */
	public static final Backing NOTHING = new Backing(List.of());

	/**
	 * Creates the backing.
	 * @param texts the texts
	 */
	public Backing {
		texts = List.copyOf(texts);
	}

	/**
	 * Returns whether the step found anything.
	 * @return whether it did
	 */
	public boolean found() {
		return !this.texts.isEmpty();
	}

}
