package io.github.vigil.sample;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's two-agent path as a trace: the workflow's {@code invoke_agent} span over one span per agent, each
 * over its own model and tool calls, read from the observations the application makes (a tracer receives the same).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = "vigil.tracing.enabled=true")
class TwoAgentTraceTests {

	static final int PORT = SampleTestSupport.freePort();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Autowired
	Spans spans;

	@Test
	void aRequestOnTheTwoAgentPathIsOneTraceWithTheAgentsNestedInIt() throws Exception {
		HttpResponse<String> reply = SampleTestSupport.post(PORT, "/api/chat",
				"{\"userId\":\"u-9\",\"workflow\":true,\"message\":\"Where is my order ORD-10007?\"}");

		assertThat(reply.statusCode()).as(reply.body()).isEqualTo(200);
		Observation.Context workflow = this.spans.named("invoke_workflow support-workflow");
		Observation.Context triage = this.spans.named("invoke_agent triage");
		Observation.Context orders = this.spans.named("invoke_agent orders");
		assertThat(triage.getParentObservation().getContextView()).isSameAs(workflow);
		assertThat(orders.getParentObservation().getContextView()).isSameAs(workflow);
		assertThat(this.spans.childrenOf(triage)).extracting(Observation.Context::getContextualName)
			.containsExactly("chat vigil-demo-model");
		assertThat(this.spans.childrenOf(orders)).extracting(Observation.Context::getContextualName)
			.containsExactlyInAnyOrder("chat vigil-demo-model", "execute_tool lookupOrder", "chat vigil-demo-model");
		assertThat(this.spans.all.stream().filter((span) -> span.getContextualName().startsWith("invoke_")))
			.as("one workflow and two agents, no run of its own per agent").hasSize(3);
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Tracing {

		@Bean
		Spans spans() {
			return new Spans();
		}

	}

	/** The observations the application stopped, as a span handler sees them. */
	static final class Spans implements ObservationHandler<Observation.Context> {

		final List<Observation.Context> all = new CopyOnWriteArrayList<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		@Override
		public void onStop(Observation.Context context) {
			this.all.add(context);
		}

		Observation.Context named(String name) {
			return this.all.stream()
				.filter((span) -> name.equals(span.getContextualName()))
				.findFirst()
				.orElseThrow(() -> new AssertionError(name + " not among "
						+ this.all.stream().map(Observation.Context::getContextualName).toList()));
		}

		List<Observation.Context> childrenOf(Observation.Context parent) {
			return this.all.stream()
				.filter((span) -> span.getParentObservation() != null
						&& span.getParentObservation().getContextView() == parent)
				.toList();
		}

	}

}
