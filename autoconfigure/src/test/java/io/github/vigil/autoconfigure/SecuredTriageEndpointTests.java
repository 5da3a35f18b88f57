package io.github.vigil.autoconfigure;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.autoconfigure.TriageEndpointTests.OrderBackend;
import io.github.vigil.autoconfigure.TriageEndpointTests.OrdersAgent;
import io.github.vigil.store.Triage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint behind the Spring Security chain the triage docs give: health for anyone, stored runs and replay for
 * the on-call role only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.autoconfigure.exclude=", "management.endpoints.web.exposure.include=health,vigil",
				"vigil.alerts.enabled=false", "vigil.triage.replay.enabled=true",
				"vigil.triage.replay.tools=lookupOrderV1" })
class SecuredTriageEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	OrdersAgent agent;

	@Autowired
	Vigil vigil;

	private int status(String method, String path, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (method.equals("POST")) {
			request.POST(HttpRequest.BodyPublishers.noBody());
		}
		if (user != null) {
			request.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((user + ":secret").getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	@Test
	void storedRunsAndReplayNeedTheOnCallRole() throws Exception {
		this.agent.chat("Where is ORD-1?", InvocationParameters.from("userId", "u-1"));
		this.vigil.flushRuns(Duration.ofSeconds(5));
		String runId = Triage.of(this.vigil).runs("u-1", 1).get(0).runId();

		assertThat(status("GET", "/actuator/health", null)).isEqualTo(200);
		assertThat(status("GET", "/actuator/vigil/runs/" + runId, null)).isEqualTo(401);
		assertThat(status("GET", "/actuator/vigil/runs/" + runId, "viewer")).isEqualTo(403);
		assertThat(status("POST", "/actuator/vigil/runs/" + runId + "/steps/1/replay", null)).isEqualTo(401);
		assertThat(status("GET", "/actuator/vigil/runs/" + runId, "oncall")).isEqualTo(200);
		assertThat(status("POST", "/actuator/vigil/runs/" + runId + "/steps/1/replay", "oncall")).isEqualTo(200);
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		// the chain of docs/triage.md, as given there
		@Bean
		SecurityFilterChain actuatorSecurity(HttpSecurity http) throws Exception {
			return http.securityMatcher("/actuator/**")
				.authorizeHttpRequests((requests) -> requests
					.requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
					.anyRequest().hasRole("OPS"))
				.httpBasic(Customizer.withDefaults())
				.csrf((csrf) -> csrf.disable())
				.build();
		}

		@Bean
		UserDetailsService users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("oncall").password("{noop}secret").roles("OPS").build(),
					User.withUsername("viewer").password("{noop}secret").roles("USER").build());
		}

		@Bean
		ChatModel chatModel() {
			return new ToolThenAnswerModel("lookupOrderV1", "{\"id\":\"ORD-1\"}", "Sorry.", new TokenUsage(50, 10));
		}

		@Bean
		OrderBackend orderBackend() {
			return new OrderBackend();
		}

		@Bean
		OrdersAgent ordersAgent(ChatModel chatModel, OrderBackend backend) {
			return AiServices.builder(OrdersAgent.class).chatModel(chatModel).tools(backend).build();
		}

	}

}
