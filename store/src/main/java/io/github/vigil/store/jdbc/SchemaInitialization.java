package io.github.vigil.store.jdbc;

/**
 * When the run store applies its schema script, in the manner of Spring Session JDBC and Spring Batch.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum SchemaInitialization {

	/** Only for an embedded database (H2). */
	EMBEDDED,

	/** Always; the script creates only what is missing. */
	ALWAYS,

	/** Never: the tables are created by the application's own migrations, from the script Vigil ships. */
	NEVER

}
