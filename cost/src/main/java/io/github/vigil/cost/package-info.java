/**
 * Cost in money: a price table per model and the middleware that prices every model call from its token usage.
 */
@NullMarked
package io.github.vigil.cost;

import org.jspecify.annotations.NullMarked;
