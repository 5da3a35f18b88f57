/**
 * The orders backend: an H2 database and its REST API.
 */
@NullMarked
package io.github.vigil.sample.orders;

import org.jspecify.annotations.NullMarked;
