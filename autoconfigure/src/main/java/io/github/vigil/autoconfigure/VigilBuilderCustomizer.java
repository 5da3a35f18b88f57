package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;

/**
 * Customizes the {@link Vigil} the starter builds, before it is built: each capability's auto-configuration
 * contributes one for what it sets, and an application can add its own. Applied in {@code @Order}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface VigilBuilderCustomizer {

	/**
	 * Customizes the builder.
	 * @param builder the builder
	 */
	void customize(Vigil.Builder builder);

}
