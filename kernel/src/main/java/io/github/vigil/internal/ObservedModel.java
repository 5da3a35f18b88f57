package io.github.vigil.internal;

/**
 * A chat model whose calls go through a run pipeline.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ObservedModel {

	/**
	 * Returns the pipeline this model's calls go through.
	 * @return the pipeline
	 */
	Pipeline pipeline();

}
