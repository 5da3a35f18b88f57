package io.github.vigil.store;

import javax.sql.DataSource;

import io.github.vigil.store.jdbc.JdbcRunStore;
import io.github.vigil.store.jdbc.SchemaInitialization;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * What the JDBC store does beyond the contract: its schema, applied or required.
 */
abstract class JdbcRunStoreContract extends RunStoreContract {

	DataSource dataSource;

	abstract DataSource emptyDatabase();

	@Override
	RunStore createStore() {
		this.dataSource = emptyDatabase();
		return new JdbcRunStore(this.dataSource, SchemaInitialization.ALWAYS).initialize();
	}

	@Test
	void theSchemaScriptCanRunAgainOnAStoreThatHasRuns() {
		this.store.write(java.util.List.of(run("a", "u-1", T0, model(0, 0))));

		RunStore again = new JdbcRunStore(this.dataSource, SchemaInitialization.ALWAYS).initialize();

		assertThat(again.count()).isEqualTo(1);
	}

	@Test
	void aStoreFromBeforeStepsKeptTheirServerGainsTheColumnAndItsRunsReadBack() throws Exception {
		this.store.write(java.util.List.of(run("a", "u-1", T0, ok(0, 10, "search"))));
		try (java.sql.Connection connection = this.dataSource.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE vigil_step DROP COLUMN server");
		}

		RunStore upgraded = new JdbcRunStore(this.dataSource, SchemaInitialization.ALWAYS).initialize();
		upgraded.write(java.util.List.of(run("b", "u-2", T0.plusSeconds(1), served(0, 10, "search", null, "docs"))));

		assertThat(upgraded.run("a").orElseThrow().steps().get(0).server()).isNull();
		assertThat(upgraded.run("b").orElseThrow().steps().get(0).server()).isEqualTo("docs");
	}

	@Test
	void aStoreLackingAColumnThisVersionWritesAndWithoutSchemaInitializationSaysToRunTheScriptAgain()
			throws Exception {
		try (java.sql.Connection connection = this.dataSource.getConnection();
				java.sql.Statement statement = connection.createStatement()) {
			statement.execute("ALTER TABLE vigil_step DROP COLUMN server");
		}

		assertThatIllegalStateException()
			.isThrownBy(() -> new JdbcRunStore(this.dataSource, SchemaInitialization.NEVER).initialize())
			.withMessageContaining("lack columns")
			.withMessageContaining("io/github/vigil/store/jdbc/schema-")
			.withMessageContaining("again");
		RunStore again = new JdbcRunStore(this.dataSource, SchemaInitialization.ALWAYS).initialize();
		again.write(java.util.List.of(run("a", "u-1", T0, served(0, 10, "search", null, "docs"))));
		assertThat(again.run("a").orElseThrow().steps().get(0).server()).isEqualTo("docs");
	}

	@Test
	void withoutTablesAndWithoutSchemaInitializationTheStoreSaysWhichScriptToRun() {
		DataSource empty = emptyDatabase();

		assertThatIllegalStateException()
			.isThrownBy(() -> new JdbcRunStore(empty, SchemaInitialization.NEVER).initialize())
			.withMessageContaining("tables are missing")
			.withMessageContaining("io/github/vigil/store/jdbc/schema-")
			.withMessageContaining("vigil.store.jdbc.initialize-schema=always");
	}

}
