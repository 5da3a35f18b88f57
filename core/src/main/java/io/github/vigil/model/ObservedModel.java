package io.github.vigil.model;

import io.github.vigil.Vigil;

/**
 * A chat model whose calls a {@link Vigil} records, whether it is a decorator or a proxy of the model's own class.
 * Models that carry this interface are never observed twice.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ObservedModel {

	/**
	 * Returns the Vigil that records this model's calls.
	 * @return the Vigil
	 */
	Vigil vigil();

}
