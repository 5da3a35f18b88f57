package io.github.vigil.grounding;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What a step brought into its run that may back the run's answers: the text of the segments a retrieval found and
 * their metadata. Published on the step by the integration that saw it; the hallucination check takes it as evidence,
 * whatever the application does with it (a content injector that leaves it out of the prompt included), and a step
 * that looked for backing and found none counts as evidence sought and missed. The texts are read only when an
 * answer has something to check against them.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Backing {

	private final int found;

	private final Supplier<List<String>> texts;

	private volatile @Nullable List<String> read;

	private Backing(int found, Supplier<List<String>> texts) {
		this.found = found;
		this.texts = texts;
	}

	/**
	 * Returns backing of the given texts.
	 * @param texts the texts
	 * @return the backing
	 */
	public static Backing of(List<String> texts) {
		List<String> copy = List.copyOf(texts);
		return new Backing(copy.size(), () -> copy);
	}

	/**
	 * Returns backing whose texts are read when needed, at most once.
	 * @param found how many things the step found
	 * @param texts reads their texts
	 * @return the backing
	 */
	public static Backing of(int found, Supplier<List<String>> texts) {
		return new Backing(found, Objects.requireNonNull(texts, "texts must not be null"));
	}

	/**
	 * Returns whether the step found anything.
	 * @return whether it did
	 */
	public boolean found() {
		return this.found > 0;
	}

	/**
	 * Returns the texts.
	 * @return the texts
	 */
	public List<String> texts() {
		List<String> texts = this.read;
		if (texts == null) {
			texts = List.copyOf(this.texts.get());
			this.read = texts;
		}
		return texts;
	}

}
