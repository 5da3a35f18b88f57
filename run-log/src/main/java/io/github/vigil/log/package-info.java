/**
 * The structured run log: one JSON line per run, truncated and redacted.
 */
@NullMarked
package io.github.vigil.log;

import org.jspecify.annotations.NullMarked;
