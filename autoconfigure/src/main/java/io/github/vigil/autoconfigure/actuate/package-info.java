/**
 * The Actuator endpoint of Vigil.
 */
@NullMarked
package io.github.vigil.autoconfigure.actuate;

import org.jspecify.annotations.NullMarked;
