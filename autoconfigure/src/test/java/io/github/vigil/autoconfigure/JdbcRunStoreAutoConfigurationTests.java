package io.github.vigil.autoconfigure;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import io.github.vigil.Vigil;
import io.github.vigil.store.FailureQuery;
import io.github.vigil.store.Triage;
import io.github.vigil.store.jdbc.JdbcRunStore;
import io.github.vigil.support.PostgresServer;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JDBC run store in a Boot application: on its own database or a named DataSource, never on the application's
 * primary one unless named; and one PostgreSQL store shared by two instances, each seeing the other's runs.
 */
class JdbcRunStoreAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class))
		.withUserConfiguration(Agent.class)
		.withPropertyValues("vigil.alerts.enabled=false");

	@Test
	void runsGoToTheStoresOwnDatabaseNamedByItsUrl() {
		this.runner.withPropertyValues("vigil.store.type=jdbc", "vigil.store.jdbc.url=jdbc:h2:mem:vigil-own;DB_CLOSE_DELAY=-1")
			.run((context) -> {
				Vigil vigil = context.getBean(Vigil.class);
				context.getBean(OrdersAgent.class).chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));
				assertThat(vigil.flushRuns(Duration.ofSeconds(5))).isTrue();

				assertThat(Triage.of(vigil).store()).isInstanceOf(JdbcRunStore.class);
				assertThat(Triage.of(vigil).runs("u-1", 10)).hasSize(1);
				assertThat(context.getBeansOfType(DataSource.class)).isEmpty();
			});
	}

	@Test
	void theApplicationsDataSourceIsNeverTakenOverUnlessNamed() {
		JdbcDataSource primary = h2("app-primary");
		this.runner.withBean("dataSource", DataSource.class, () -> primary)
			.withPropertyValues("vigil.store.type=jdbc", "vigil.store.jdbc.url=jdbc:h2:mem:vigil-separate;DB_CLOSE_DELAY=-1")
			.run((context) -> {
				context.getBean(OrdersAgent.class).chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));
				context.getBean(Vigil.class).flushRuns(Duration.ofSeconds(5));

				assertThat(tables(primary)).isZero();
			});
		this.runner.withBean("ordersDb", DataSource.class, () -> primary)
			.withPropertyValues("vigil.store.type=jdbc", "vigil.store.jdbc.datasource=ordersDb")
			.run((context) -> {
				context.getBean(OrdersAgent.class).chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));
				context.getBean(Vigil.class).flushRuns(Duration.ofSeconds(5));

				assertThat(tables(primary)).isEqualTo(4);
			});
	}

	@Test
	void aJdbcStoreWithoutADatabaseFailsAtStartWithWhatToSet() {
		this.runner.withPropertyValues("vigil.store.type=jdbc").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("vigil.store.jdbc.url")
				.hasMessageContaining("vigil.store.jdbc.datasource");
		});
	}

	@Test
	void twoInstancesSharingOnePostgresqlStoreSeeEachOthersRunsInTriage() throws Exception {
		try (PostgresServer server = PostgresServer.start()) {
			server.database("vigil_fleet");
			String url = server.url().replace("/postgres", "/vigil_fleet");
			try (ConfigurableApplicationContext a = instance("instance-a", url);
					ConfigurableApplicationContext b = instance("instance-b", url)) {
				a.getBean(OrdersAgent.class).chat("Where is ORD-1?", InvocationParameters.from("userId", "alice"));
				b.getBean(OrdersAgent.class).chat("Where is ORD-2?", InvocationParameters.from("userId", "bob"));
				a.getBean(Vigil.class).flushRuns(Duration.ofSeconds(10));
				b.getBean(Vigil.class).flushRuns(Duration.ofSeconds(10));

				assertThat(Triage.of(b.getBean(Vigil.class)).failures(FailureQuery.of("lookupOrderV1")))
					.extracting((failure) -> failure.userId())
					.containsExactlyInAnyOrder("alice", "bob");
				int port = ((WebServerApplicationContext) a).getWebServer().getPort();
				JsonNode aliceFromA = TriageEndpointTests.call(port, "GET", "/actuator/vigil/runs?user=bob", "", 200);
				assertThat(aliceFromA.get("runs").get(0).get("instance").asText()).isEqualTo("instance-b");
				JsonNode summary = TriageEndpointTests.call(port, "GET", "/actuator/vigil/tools/lookupOrderV1", "", 200);
				assertThat(summary.get("calls").asInt()).isEqualTo(2);
				assertThat(summary.get("users_affected").asInt()).isEqualTo(2);
			}
		}
	}

	private static ConfigurableApplicationContext instance(String name, String url) {
		return new SpringApplicationBuilder(WebAgent.class).properties("server.port=0",
				"management.endpoints.web.exposure.include=vigil", "vigil.alerts.enabled=false",
				"vigil.store.type=jdbc", "vigil.store.jdbc.url=" + url, "vigil.store.jdbc.username=vigil",
				"vigil.store.jdbc.initialize-schema=always", "vigil.store.instance=" + name,
				"spring.main.banner-mode=off", "logging.level.root=WARN")
			.run();
	}

	private static JdbcDataSource h2(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	private static int tables(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				ResultSet tables = connection.getMetaData().getTables(null, null, "VIGIL_%", null)) {
			int count = 0;
			while (tables.next()) {
				count++;
			}
			return count;
		}
	}

	interface OrdersAgent {

		String chat(@UserMessage String message, InvocationParameters parameters);

	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	static class Agent {

		@Bean
		ChatModel chatModel() {
			return new ToolThenAnswerModel("lookupOrderV1", "{\"id\":\"ORD-1\"}", "Sorry.", new TokenUsage(50, 10));
		}

		@Bean
		OrdersAgent ordersAgent(ChatModel chatModel) {
			return AiServices.builder(OrdersAgent.class).chatModel(chatModel).tools(new OrderTools()).build();
		}

	}

	@EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
	static class WebAgent extends Agent {

	}

}
