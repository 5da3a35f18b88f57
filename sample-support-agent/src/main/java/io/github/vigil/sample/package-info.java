/**
 * The sample order-lookup support agent.
 */
@NullMarked
package io.github.vigil.sample;

import org.jspecify.annotations.NullMarked;
