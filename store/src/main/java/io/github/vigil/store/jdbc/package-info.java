/**
 * The JDBC run store: PostgreSQL for fleets, H2 for tests and single instances.
 */
@NullMarked
package io.github.vigil.store.jdbc;

import org.jspecify.annotations.NullMarked;
