/**
 * Micrometer Observation support: contexts, conventions and documentation for runs, model calls and tool calls.
 */
@NullMarked
package io.github.vigil.observation;

import org.jspecify.annotations.NullMarked;
