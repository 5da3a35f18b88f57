/**
 * Runs: one call of an AI-service method, its steps, its outcome, and the sinks finished runs go to.
 */
@NullMarked
package io.github.vigil.run;

import org.jspecify.annotations.NullMarked;
