package io.github.vigil.store;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.vigil.store.jdbc.JdbcRunStore;
import io.github.vigil.store.jdbc.SchemaInitialization;
import io.github.vigil.support.PostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The JDBC store against a real PostgreSQL server, started for these tests and removed after them.
 */
class PostgresRunStoreTests extends JdbcRunStoreContract {

	private static PostgresServer server;

	private static final AtomicInteger databases = new AtomicInteger();

	@BeforeAll
	static void startServer() {
		server = PostgresServer.start();
	}

	@AfterAll
	static void stopServer() {
		if (server != null) {
			server.close();
		}
	}

	@Override
	DataSource emptyDatabase() {
		return server.database("vigil_" + databases.incrementAndGet());
	}

	@Test
	void anEmbeddedOnlyInitializationLeavesPostgresqlToTheApplicationsMigrations() {
		DataSource empty = emptyDatabase();

		assertThatIllegalStateException()
			.isThrownBy(() -> new JdbcRunStore(empty, SchemaInitialization.EMBEDDED).initialize())
			.withMessageContaining("schema-postgresql.sql");
	}

	@Test
	void theShippedScriptIsTheOneApplied() {
		assertThat(JdbcRunStore.schema("postgresql")).contains("CREATE TABLE IF NOT EXISTS vigil_run")
			.contains("WHERE kind = 'tool' AND outcome = 'error'");
		this.store.write(List.of(run("a", "u-1", T0, failed(0, 0, "lookupOrder", "html_response"))));
		assertThat(this.store.failures(FailureQuery.of("lookupOrder"))).hasSize(1);
	}

}
