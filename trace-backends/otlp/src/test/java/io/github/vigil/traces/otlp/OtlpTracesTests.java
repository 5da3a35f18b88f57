package io.github.vigil.traces.otlp;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import dev.langchain4j.invocation.InvocationParameters;
import io.github.vigil.autoconfigure.traces.TracedAgentApplication;
import io.github.vigil.autoconfigure.traces.TracedAgentApplication.SupportAgent;
import io.github.vigil.autoconfigure.traces.TracedWebApplication;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run's spans over OTLP/HTTP, as Langfuse and LangSmith receive them: a Boot application configured only with
 * Boot's properties (the OpenTelemetry bridge and the OTLP exporter) sends them to a receiver that decodes the
 * standard protobuf. Every span of the run carries {@code user.id} and {@code session.id}; content goes on spans
 * only when opted in, and then as {@code langfuse.observation.input}/{@code output} too.
 */
class OtlpTracesTests {

	private static final String MESSAGE = "Where is ORD-10042? Use v1.";

	private HttpServer receiver;

	private final List<ExportTraceServiceRequest> received = new CopyOnWriteArrayList<>();

	private final List<Map<String, String>> headers = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startReceiver() throws IOException {
		this.receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.receiver.createContext("/api/public/otel/v1/traces", (exchange) -> {
			this.headers.add(Map.of("authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
					"ingestion", String.valueOf(exchange.getRequestHeaders().getFirst("x-langfuse-ingestion-version")),
					"content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"))));
			try (InputStream body = "gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))
					? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
				this.received.add(ExportTraceServiceRequest.parseFrom(body));
			}
			exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		this.receiver.start();
	}

	@AfterEach
	void stopReceiver() {
		this.receiver.stop(0);
	}

	private Map<String, Span> run(boolean includeContent) {
		Map<String, List<String>> metricTags = new HashMap<>();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TracedAgentApplication.class)
			.properties("spring.application.name=support-agent", "spring.main.web-application-type=none",
					"spring.main.banner-mode=off", "management.tracing.sampling.probability=1.0",
					// the Langfuse recipe of docs/traces.md, pointed at the receiver
					"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
							+ this.receiver.getAddress().getPort() + "/api/public/otel/v1/traces",
					"management.opentelemetry.tracing.export.otlp.headers.Authorization=Basic cGstbGYtMTpzay1sZi0x",
					"management.opentelemetry.tracing.export.otlp.headers.x-langfuse-ingestion-version=4",
					// the starter brings an OTLP metrics registry too; this test is about spans
					"management.otlp.metrics.export.enabled=false", "vigil.alerts.enabled=false",
					"vigil.tracing.include-content=" + includeContent)
			.run()) {
			String answer = app.getBean(SupportAgent.class)
				.chat("c-7", MESSAGE, InvocationParameters.from("userId", "u-42"));
			assertThat(answer).isEqualTo(TracedAgentApplication.ANSWER);
			for (Meter meter : app.getBean(MeterRegistry.class).getMeters()) {
				metricTags.put(meter.getId().getName(), meter.getId().getTags().stream().map(Tag::getKey).toList());
			}
		}
		// closing the application flushes the exporter
		assertThat(this.headers).isNotEmpty().allSatisfy((sent) -> assertThat(sent)
			.containsEntry("authorization", "Basic cGstbGYtMTpzay1sZi0x")
			.containsEntry("ingestion", "4")
			.containsEntry("content-type", "application/x-protobuf"));
		assertThat(metricTags.values()).as("user and session ids are never metric tags")
			.allSatisfy((keys) -> assertThat(keys).doesNotContain("user.id", "session.id", "enduser.id"));
		Map<String, Span> spans = new HashMap<>();
		for (ExportTraceServiceRequest request : this.received) {
			for (ResourceSpans resource : request.getResourceSpansList()) {
				assertThat(attributes(resource.getResource().getAttributesList()).get("service.name"))
					.isEqualTo("support-agent");
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					for (Span span : scope.getSpansList()) {
						spans.merge(span.getName(), span, (a, b) -> a);
					}
				}
			}
		}
		return spans;
	}

	@Test
	void everySpanOfARunCarriesTheUserAndSessionAndTheGenAiAttributesButNoContent() {
		Map<String, Span> spans = run(false);

		assertThat(spans).containsKeys("invoke_agent SupportAgent", "chat gpt-4o-mini", "execute_tool lookupOrderV1");
		Span run = spans.get("invoke_agent SupportAgent");
		Span chat = spans.get("chat gpt-4o-mini");
		Span tool = spans.get("execute_tool lookupOrderV1");
		assertThat(chat.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(tool.getParentSpanId()).isEqualTo(run.getSpanId());
		assertThat(chat.getTraceId()).isEqualTo(run.getTraceId());
		for (Span span : List.of(run, chat, tool)) {
			Map<String, String> attributes = attributes(span.getAttributesList());
			assertThat(attributes).as(span.getName())
				.containsEntry("user.id", "u-42")
				.containsEntry("session.id", "c-7")
				.containsEntry("langsmith.trace.session_id", "c-7")
				.containsEntry("langsmith.metadata.user_id", "u-42")
				.containsEntry("gen_ai.agent.name", "SupportAgent");
			assertThat(attributes.keySet()).as(span.getName() + ": nothing carries content by default")
				.doesNotContain("gen_ai.input.messages", "gen_ai.output.messages", "gen_ai.tool.call.arguments",
						"gen_ai.tool.call.result", "langfuse.observation.input", "langfuse.observation.output");
			assertThat(attributes.values()).as(span.getName())
				.noneMatch((value) -> value.contains("Where is") || value.contains("has shipped")
						|| value.contains("410 Gone"));
		}
		assertThat(attributes(run.getAttributesList())).containsEntry("langsmith.span.kind", "chain")
			.containsEntry("gen_ai.operation.name", "invoke_agent");
		Map<String, String> chatAttributes = attributes(chat.getAttributesList());
		assertThat(chatAttributes).containsEntry("langsmith.span.kind", "llm")
			.containsEntry("gen_ai.operation.name", "chat")
			.containsEntry("gen_ai.provider.name", "openai")
			.containsEntry("gen_ai.request.model", "gpt-4o-mini")
			.containsEntry("gen_ai.response.model", "gpt-4o-mini-2024-07-18")
			.containsEntry("gen_ai.usage.cost.currency", "USD")
			.containsEntry("gen_ai.usage.cost.source", "local")
			.containsKey("gen_ai.usage.cost.amount")
			.containsKey("gen_ai.usage.input_tokens");
		assertThat(attributes(tool.getAttributesList())).containsEntry("langsmith.span.kind", "tool")
			.containsEntry("error.type", "html_response")
			.containsEntry("gen_ai.tool.name", "lookupOrderV1");
	}

	@Test
	void aRunServedInsideAWebRequestNestsItsStepsUnderItsOwnSpanAndFailedStepsHaveAnErrorStatus() throws Exception {
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TracedWebApplication.class)
			.properties("spring.application.name=support-agent", "server.port=0", "spring.main.banner-mode=off",
					"management.tracing.sampling.probability=1.0",
					"management.opentelemetry.tracing.export.otlp.endpoint=http://127.0.0.1:"
							+ this.receiver.getAddress().getPort() + "/api/public/otel/v1/traces",
					"management.otlp.metrics.export.enabled=false", "vigil.alerts.enabled=false",
					"vigil.evals.enabled=false")
			.run()) {
			int appPort = ((org.springframework.boot.web.server.context.WebServerApplicationContext) app).getWebServer()
				.getPort();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/chat?user=u-9&conversation=c-9"))
					.POST(HttpRequest.BodyPublishers.ofString(MESSAGE))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).isEqualTo(TracedAgentApplication.ANSWER);
		}
		Map<String, Span> spans = new HashMap<>();
		for (ExportTraceServiceRequest request : this.received) {
			for (ResourceSpans resource : request.getResourceSpansList()) {
				for (ScopeSpans scope : resource.getScopeSpansList()) {
					for (Span span : scope.getSpansList()) {
						spans.merge(span.getName(), span, (a, b) -> a);
					}
				}
			}
		}

		Span request = spans.get("http post /chat");
		Span run = spans.get("invoke_agent SupportAgent");
		assertThat(request).as("spans: %s", spans.keySet()).isNotNull();
		assertThat(run).as("spans: %s", spans.keySet()).isNotNull();
		assertThat(run.getParentSpanId()).as("the run is a child of the request").isEqualTo(request.getSpanId());
		Span chat = spans.get("chat gpt-4o-mini");
		Span tool = spans.get("execute_tool lookupOrderV1");
		assertThat(chat.getParentSpanId()).as("the model call is a child of its run").isEqualTo(run.getSpanId());
		assertThat(tool.getParentSpanId()).as("the tool call is a child of its run").isEqualTo(run.getSpanId());
		assertThat(tool.getStatus().getCode()).as("the HTML page is a failed call")
			.isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(attributes(tool.getAttributesList())).containsEntry("error.type", "html_response");
		assertThat(run.getStatus().getCode()).isNotEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(chat.getStatus().getCode()).isNotEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
		assertThat(attributes(run.getAttributesList())).doesNotContainKey("error.type");
		assertThat(attributes(chat.getAttributesList())).doesNotContainKey("error.type");
	}

	@Test
	void withContentOptedInTheInputAndOutputGoWhereLangfuseReadsThem() {
		Map<String, Span> spans = run(true);

		Map<String, String> run = attributes(spans.get("invoke_agent SupportAgent").getAttributesList());
		assertThat(run.get("langfuse.observation.input")).isEqualTo(MESSAGE);
		assertThat(run.get("langfuse.observation.output")).isEqualTo(TracedAgentApplication.ANSWER);
		Map<String, String> tool = attributes(spans.get("execute_tool lookupOrderV1").getAttributesList());
		assertThat(tool.get("gen_ai.tool.call.result")).contains("410 Gone");
		assertThat(tool.get("langfuse.observation.output")).contains("410 Gone");
	}

	private static Map<String, String> attributes(List<KeyValue> values) {
		Map<String, String> attributes = new HashMap<>();
		for (KeyValue value : values) {
			attributes.put(value.getKey(), text(value.getValue()));
		}
		return attributes;
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			default -> value.toString();
		};
	}

}
