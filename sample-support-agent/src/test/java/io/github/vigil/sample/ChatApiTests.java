package io.github.vigil.sample;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.sample.agent.OrdersEndpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.vigil.sample.SampleTestSupport.chat;
import static io.github.vigil.sample.SampleTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat API with the offline demo model: every intent, the incident, a loop, bad input, and many users at once;
 * every run has its run-log line.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ChatApiTests {

	static final int PORT = SampleTestSupport.freePort();

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	private final ObjectMapper json = new ObjectMapper();

	private final Logger runLogger = (Logger) LoggerFactory.getLogger("vigil.runs");

	private final ListAppender<ILoggingEvent> runLog = new ListAppender<>();

	@Autowired
	JdbcClient jdbc;

	@Autowired
	OrdersEndpoint endpoint;

	@Autowired
	MeterRegistry registry;

	@BeforeEach
	void captureRunLog() {
		this.runLog.start();
		this.runLogger.addAppender(this.runLog);
		this.runLogger.setLevel(Level.INFO);
		this.runLogger.setAdditive(false);
	}

	@AfterEach
	void restore() {
		this.runLogger.detachAppender(this.runLog);
		this.runLogger.setAdditive(true);
		this.endpoint.switchTo("http://localhost:" + PORT + "/api/v2");
	}

	private String orderWithStatus(String status) {
		return this.jdbc.sql("select id from orders where status = ? order by id limit 1").param(status)
			.query(String.class)
			.single();
	}

	private JsonNode ask(String userId, String message) throws Exception {
		HttpResponse<String> response = post(PORT, "/api/chat", chat(userId, message));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	@Test
	void aStatusQuestionIsAnsweredFromTheOrdersApiAndLoggedUnderTheReturnedRunId() throws Exception {
		String order = orderWithStatus("shipped");

		JsonNode reply = ask("u-1", "Where is my order " + order + "?");

		assertThat(reply.get("reply").asText()).contains(order).contains("shipped");
		assertThat(reply.get("conversationId").asText()).isNotBlank();
		JsonNode line = this.json.readTree(this.runLog.list.get(0).getFormattedMessage());
		assertThat(line.get("run_id").asText()).isEqualTo(reply.get("runId").asText());
		assertThat(line.get("user_id").asText()).isEqualTo("u-1");
		assertThat(line.get("tool_calls").get(0).get("tool").asText()).isEqualTo("lookupOrder");
		assertThat(line.get("tool_calls").get(0).get("success").asBoolean()).isTrue();
		assertThat(line.get("tokens_used").asInt()).isPositive();
	}

	@Test
	void theTwoAgentPathIsOneRunWithTriageAndTheAgentItChoseNestedInIt() throws Exception {
		// the newest small delivered order, so the other specifications' orders stay as they are
		String delivered = this.jdbc.sql("select id from orders where status = 'delivered' and total < 1000 "
				+ "order by id desc limit 1").query(String.class).single();
		String shipped = orderWithStatus("shipped");

		HttpResponse<String> refund = post(PORT, "/api/chat", "{\"userId\":\"u-8\",\"workflow\":true,"
				+ "\"message\":\"I want a refund for " + delivered + "\"}");
		HttpResponse<String> status = post(PORT, "/api/chat", "{\"userId\":\"u-8\",\"workflow\":true,"
				+ "\"message\":\"Where is my order " + shipped + "?\"}");

		JsonNode refunded = this.json.readTree(refund.body());
		assertThat(refunded.get("reply").asText()).contains("refund of $");
		assertThat(refunded.get("run").get("agent").asText()).isEqualTo("support-workflow");
		assertThat(refunded.get("run").get("agents")).extracting((agent) -> agent.get("name").asText())
			.containsExactly("triage", "refunds");
		assertThat(this.json.readTree(status.body()).get("run").get("agents"))
			.extracting((agent) -> agent.get("name").asText())
			.containsExactly("triage", "orders");
		// one run-log line per request, with the agents nested in it
		assertThat(this.runLog.list).hasSize(2);
		JsonNode line = this.json.readTree(this.runLog.list.get(0).getFormattedMessage());
		assertThat(line.get("run_id").asText()).isEqualTo(refunded.get("runId").asText());
		assertThat(line.get("agent").asText()).isEqualTo("support-workflow");
		assertThat(line.get("user_id").asText()).isEqualTo("u-8");
		assertThat(line.get("agents")).hasSize(2);
		assertThat(line.get("agents").get(1).get("tool_calls").asInt()).isEqualTo(1);
		assertThat(line.get("model_calls").asInt())
			.isEqualTo(line.get("agents").get(0).get("model_calls").asInt() + line.get("agents").get(1).get("model_calls").asInt());
	}

	@Test
	void anOrderThatHasNotShippedIsCancelled() throws Exception {
		String order = orderWithStatus("placed");

		assertThat(ask("u-2", "Please cancel " + order).get("reply").asText()).contains("cancelled");
		assertThat(this.jdbc.sql("select status from orders where id = ?").param(order).query(String.class).single())
			.isEqualTo("cancelled");
	}

	@Test
	void aDeliveredOrderIsRefundedAndAShippedOneIsNot() throws Exception {
		String delivered = orderWithStatus("delivered");
		String shipped = orderWithStatus("shipped");

		assertThat(ask("u-3", "I want a refund for " + delivered).get("reply").asText()).contains("refund of $");
		assertThat(ask("u-3", "I want a refund for " + shipped).get("reply").asText())
			.contains("only delivered orders can be refunded");
	}

	@Test
	void aRefundAboveTheApprovalLimitIsStoppedByTheApplicationsOwnGuard() throws Exception {
		String large = this.jdbc.sql("select id from orders where status = 'delivered' and total > 1000 order by id "
				+ "limit 1").query(String.class).single();

		JsonNode reply = ask("u-5", "I want a refund for " + large);

		assertThat(reply.get("reply").asText()).isEqualTo("A refund of this size needs a colleague's approval. "
				+ "I've passed your request on; they will contact you shortly.");
		assertThat(this.jdbc.sql("select status from orders where id = ?").param(large).query(String.class).single())
			.isEqualTo("delivered");
		JsonNode line = this.json.readTree(this.runLog.list.get(0).getFormattedMessage());
		assertThat(line.get("outcome").asText()).isEqualTo("killed");
		assertThat(line.get("guard_trips").get(0).get("guard").asText()).isEqualTo("refund-approval");
		assertThat(line.get("guard_trips").get(0).get("action").asText()).isEqualTo("ended");
		assertThat(this.registry.get("vigil.guard.trips").tag("guard", "refund-approval").counter().count())
			.isEqualTo(1);
	}

	@Test
	void aCustomerWhoAsksForAHumanGetsATicket() throws Exception {
		assertThat(ask("u-4", "I'd like to talk to a human about ORD-10003").get("reply").asText())
			.contains("ticket TCK-");
	}

	@Test
	void theIncidentHtmlFromTheRetiredApiIsAToolErrorAndTheAgentEscalatesOrIsStopped() throws Exception {
		this.endpoint.switchTo("http://localhost:" + PORT + "/api/v1");
		double before = htmlErrors();

		String reply = ask("u-5", "Where is my order ORD-10010?").get("reply").asText();

		assertThat(reply).satisfiesAnyOf((r) -> assertThat(r).contains("ticket TCK-"),
				(r) -> assertThat(r).isEqualTo(LoopPolicy.DEFAULT_MESSAGE));
		assertThat(htmlErrors() - before).isGreaterThanOrEqualTo(1);
	}

	@Test
	void anAgentThatKeepsRetryingAFailingToolIsStoppedWithAGracefulReply() throws Exception {
		this.endpoint.switchTo("http://localhost:" + PORT + "/api/v1");

		JsonNode reply = ask("u-6", "Where is ORD-10011? Please keep trying until it works.");

		assertThat(reply.get("reply").asText()).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		JsonNode line = this.json.readTree(this.runLog.list.get(0).getFormattedMessage());
		assertThat(line.get("outcome").asText()).isEqualTo("killed");
		assertThat(line.get("guard_trips").get(0).get("tool").asText()).isEqualTo("lookupOrder");
	}

	@Test
	void badInputGetsAClearError() throws Exception {
		HttpResponse<String> missingUser = post(PORT, "/api/chat", "{\"message\":\"hi\"}");
		assertThat(missingUser.statusCode()).isEqualTo(400);
		assertThat(this.json.readTree(missingUser.body()).get("fields").get("userId").asText())
			.isEqualTo("must not be blank");
		HttpResponse<String> blank = post(PORT, "/api/chat", chat("u-7", "   "));
		assertThat(blank.statusCode()).isEqualTo(400);
		assertThat(blank.body()).contains("\"message\":\"must not be blank\"");
		HttpResponse<String> tooLong = post(PORT, "/api/chat", chat("u-7", "a".repeat(4_001)));
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.body()).contains("must be at most 4000 characters, was 4001");
		HttpResponse<String> malformed = post(PORT, "/api/chat", "{\"userId\": \"u-7\", \"message\": ");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).contains("The body must be JSON");
		assertThat(this.runLog.list).as("no run for rejected input").isEmpty();
	}

	@Test
	void fiftyParallelChatsAreAllAnsweredAndEachRunIsLoggedOnce() throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Future<JsonNode>> futures = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			int n = i;
			futures.add(pool.submit(() -> ask("user-" + (n % 20), "Where is my order ORD-" + (10001 + n) + "?")));
		}
		Set<String> runIds = new HashSet<>();
		for (Future<JsonNode> future : futures) {
			runIds.add(future.get(60, TimeUnit.SECONDS).get("runId").asText());
		}
		pool.shutdown();

		assertThat(runIds).hasSize(50);
		Set<String> logged = new HashSet<>();
		for (ILoggingEvent line : this.runLog.list) {
			logged.add(this.json.readTree(line.getFormattedMessage()).get("run_id").asText());
		}
		assertThat(this.runLog.list).hasSize(50);
		assertThat(logged).isEqualTo(runIds);
	}

	private double htmlErrors() {
		Timer timer = this.registry.find("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", "lookupOrder", "error.type", "html_response")
			.timer();
		return (timer != null) ? timer.count() : 0;
	}

}
