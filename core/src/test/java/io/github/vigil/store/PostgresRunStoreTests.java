package io.github.vigil.store;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.store.jdbc.JdbcRunStore;
import io.github.vigil.store.jdbc.SchemaInitialization;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.PostgresServer;
import io.github.vigil.support.ScriptedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
	void aDatabaseOutageNeverReachesTheCallerAndLosesNothingTheQueueHolds() {
		RunStore store = new JdbcRunStore(emptyDatabase(), SchemaInitialization.ALWAYS).initialize();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Vigil vigil = Vigil.builder(registry).runStore(store).build();
		Assistant agent = AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new SupportTools())
			.build();
		try {
			server.pause();
			for (int i = 0; i < 3; i++) {
				assertThat(agent.chat("lookupOrder ORD-" + i)).contains("shipped");
			}
			await(() -> registry.find("vigil.store.write.failures").counter() != null
					&& registry.find("vigil.store.write.failures").counter().count() >= 1);
		}
		finally {
			server.resume();
		}

		assertThat(vigil.flushRuns(Duration.ofSeconds(60))).isTrue();
		assertThat(store.count()).isEqualTo(3);
		vigil.close();
	}

	private static void await(java.util.function.BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("condition not met in 20 s");
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	@Test
	void theShippedScriptIsTheOneApplied() {
		assertThat(JdbcRunStore.schema("postgresql")).contains("CREATE TABLE IF NOT EXISTS vigil_run")
			.contains("WHERE kind = 'tool' AND outcome = 'error'");
		this.store.write(List.of(run("a", "u-1", T0, failed(0, 0, "lookupOrder", "html_response"))));
		assertThat(this.store.failures(FailureQuery.of("lookupOrder"))).hasSize(1);
	}

}
