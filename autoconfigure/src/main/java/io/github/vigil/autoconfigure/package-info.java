/**
 * Spring Boot auto-configuration for Vigil: every chat model bean and every AI service in the application observed,
 * with nothing to write beyond adding the starter.
 */
@NullMarked
package io.github.vigil.autoconfigure;

import org.jspecify.annotations.NullMarked;
