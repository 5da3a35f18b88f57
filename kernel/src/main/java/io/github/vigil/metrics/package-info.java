/**
 * Meter names, tag keys and the Micrometer meters Vigil records per step and per run.
 */
@NullMarked
package io.github.vigil.metrics;

import org.jspecify.annotations.NullMarked;
