package io.github.vigil.autoconfigure;

import javax.sql.DataSource;

import io.github.vigil.store.RunStore;
import io.github.vigil.store.jdbc.JdbcRunStore;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * The JDBC run store, when {@code vigil.store.type=jdbc}: on its own database ({@code vigil.store.jdbc.url}) or on a
 * DataSource bean named by {@code vigil.store.jdbc.datasource}. The application's primary DataSource is never used
 * unless named.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "vigil.store.type", havingValue = "jdbc")
class VigilRunStoreConfiguration {

	private static final String DATA_SOURCE_BUILDER = "org.springframework.boot.jdbc.DataSourceBuilder";

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean(RunStore.class)
	JdbcRunStore vigilRunStore(StoreProperties store, BeanFactory beanFactory) {
		StoreProperties.Jdbc jdbc = store.getJdbc();
		if (jdbc.getDatasource() != null) {
			DataSource named = beanFactory.getBean(jdbc.getDatasource(), DataSource.class);
			return new JdbcRunStore(named, jdbc.getInitializeSchema());
		}
		if (jdbc.getUrl() == null) {
			throw new IllegalStateException("vigil.store.type=jdbc needs vigil.store.jdbc.url (the run store's own "
					+ "database) or vigil.store.jdbc.datasource (the name of a DataSource bean); Vigil does not use "
					+ "the application's DataSource unless it is named");
		}
		if (!ClassUtils.isPresent(DATA_SOURCE_BUILDER, getClass().getClassLoader())) {
			throw new IllegalStateException("vigil.store.jdbc.url needs spring-boot-jdbc on the class path (add "
					+ "spring-boot-starter-jdbc), or name a DataSource bean in vigil.store.jdbc.datasource");
		}
		return JdbcRunStore.owning(OwnDataSource.create(jdbc), jdbc.getInitializeSchema());
	}

	/** Builds the run store's own pool; loaded only when spring-boot-jdbc is present. */
	static final class OwnDataSource {

		static DataSource create(StoreProperties.Jdbc jdbc) {
			return org.springframework.boot.jdbc.DataSourceBuilder.create()
				.url(jdbc.getUrl())
				.username(jdbc.getUsername())
				.password(jdbc.getPassword())
				.build();
		}

	}

}
