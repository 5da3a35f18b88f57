package io.github.vigil.store;

import java.util.UUID;

import javax.sql.DataSource;

import io.github.vigil.store.jdbc.JdbcRunStore;
import io.github.vigil.store.jdbc.SchemaInitialization;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class H2RunStoreTests extends JdbcRunStoreContract {

	@Override
	DataSource emptyDatabase() {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	@Test
	void anEmbeddedDatabaseGetsItsSchemaWhenInitializationIsEmbedded() {
		RunStore store = new JdbcRunStore(emptyDatabase(), SchemaInitialization.EMBEDDED).initialize();

		assertThat(store.count()).isZero();
	}

}
