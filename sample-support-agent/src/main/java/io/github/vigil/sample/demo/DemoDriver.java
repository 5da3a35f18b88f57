package io.github.vigil.sample.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.vigil.Vigil;
import io.github.vigil.sample.agent.OrdersEndpoint;
import io.github.vigil.sample.agent.Policies;
import io.github.vigil.sample.orders.Orders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The incident replay: once the application is up, it sends conversations from many users to {@code /api/chat}
 * over HTTP, points the orders tools at the deprecated v1 API for the middle third (the incident), points them back,
 * waits for the tool error-rate alert to resolve, and prints a report read from the application's own endpoints.
 */
@Component
@Profile("demo")
public class DemoDriver {

	private static final Logger logger = LoggerFactory.getLogger(DemoDriver.class);

	private final Orders orders;

	private final OrdersEndpoint endpoint;

	private final ConfigurableApplicationContext context;

	private final int conversations;

	private final int users;

	private final Duration duration;

	private final boolean exit;

	private final String windows;

	private volatile String report = "";

	private final DemoRuns runs;

	private final Conversations script;

	private final Vigil vigil;

	private final DemoReleases releases;

	private final Policies policies;

	private final boolean terminal = System.console() != null;

	private int printedQuarter;

	public DemoDriver(Orders orders, OrdersEndpoint endpoint, ConfigurableApplicationContext context, DemoRuns runs,
			Vigil vigil, DemoReleases releases, Policies policies, @Value("${support.refunds.approval-limit:1000.00}") java.math.BigDecimal approvalLimit,
			@Value("${support.demo.conversations:300}") int conversations, @Value("${support.demo.users:40}") int users,
			@Value("${support.demo.duration:90s}") Duration duration, @Value("${support.demo.exit:false}") boolean exit,
			@Value("${vigil.alerts.tool-error-rate.window:15m}") String windows) {
		this.orders = orders;
		this.script = new Conversations(orders, approvalLimit);
		this.runs = runs;
		this.vigil = vigil;
		this.releases = releases;
		this.policies = policies;
		this.endpoint = endpoint;
		this.context = context;
		this.conversations = conversations;
		this.users = users;
		this.duration = duration;
		this.exit = exit;
		this.windows = "15m -> " + windows;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Thread driver = new Thread(this::runSafely, "demo-driver");
		driver.setDaemon(true);
		driver.start();
	}

	/**
	 * Returns the report once the demo has run.
	 * @return the report, empty before
	 */
	public String report() {
		return this.report;
	}

	private void runSafely() {
		try {
			run();
		}
		catch (Exception ex) {
			logger.error("The demo failed", ex);
		}
		if (this.exit) {
			System.exit(SpringApplication.exit(this.context, () -> 0));
		}
	}

	void run() throws Exception {
		String port = this.context.getEnvironment().getProperty("local.server.port");
		String base = "http://localhost:" + port;
		RestClient http = RestClient.builder().baseUrl(base).build();
		String healthy = this.endpoint.baseUrl();
		String retired = healthy.replace("/api/v2", "/api/v1");
		List<String> orderIds = this.orders.ids();
		System.out.printf("%nVigil demo: %d conversations from %d users over about %d seconds. The offline demo model "
				+ "is a scripted stand-in, not an LLM.%nRelease %s is serving. For the middle third the orders tools "
				+ "get the deprecated v1 API's HTML page (the incident); release %s ships the fix. In the last sixth "
				+ "a re-index empties the policies knowledge base (the second incident), then restores it.%nWatch it "
				+ "in the agent console: %s/vigil/%nRun log: %s (replaced at every start)%n%n", this.conversations,
				this.users, this.duration.toSeconds(), this.releases.serving(), DemoReleases.FIX, base, runLog());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		AtomicInteger done = new AtomicInteger();
		AtomicInteger failed = new AtomicInteger();
		long pause = this.duration.toMillis() / Math.max(1, this.conversations);
		// three phases, each finished before the next begins, so the incident holds exactly the middle third of the
		// conversations however fast or slow the machine is
		int first = this.conversations / 3;
		int second = 2 * this.conversations / 3;
		converse(pool, http, 0, first, pause, orderIds, done, failed);
		this.endpoint.switchTo(retired);
		Instant incidentStart = Instant.now();
		converse(pool, http, first, second, pause, orderIds, done, failed);
		// reproduce it while it is broken: the newest failing lookup, replayed with its recorded arguments
		DemoReport report = new DemoReport(base);
		this.vigil.flushRuns(Duration.ofSeconds(5));
		JsonNode reproduced = report.replayNewestFailure("lookupOrder");
		// the fix ships as a release of its own, so the console marks it and triage counts failures per release
		this.releases.ship(DemoReleases.FIX);
		this.endpoint.switchTo(healthy);
		Instant incidentEnd = Instant.now();
		int reindex = 5 * this.conversations / 6;
		converse(pool, http, second, reindex, pause, orderIds, done, failed);
		// the second incident: a re-index empties the policies collection and takes its time to write it again
		this.policies.removeAll();
		this.emptied = true;
		Instant reindexStart = Instant.now();
		converse(pool, http, reindex, this.conversations, pause, orderIds, done, failed);
		this.policies.index();
		this.emptied = false;
		Instant reindexEnd = Instant.now();
		pool.shutdown();
		this.endpoint.switchTo(healthy);
		System.out.printf("%n%nIncident: orders API v1 from %s to %s, when release %s shipped the fix. Waiting for "
				+ "the alert to resolve (the console shows it: %s/vigil/)...%n", incidentStart, incidentEnd,
				DemoReleases.FIX, base);
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
		while (System.nanoTime() < deadline && report.alerts().path("active").size() > 0) {
			Thread.sleep(1_000);
		}
		this.vigil.flushRuns(Duration.ofSeconds(5));
		this.report = report.render(this.windows, new DemoReport.Story(this.conversations, this.users,
				incidentStart, incidentEnd, runLog(), reproduced.has("replayed") ? reproduced : null, reindexStart,
				reindexEnd), this.runs);
		System.out.println(this.report);
		System.out.printf("The application keeps serving: the agent console at %s/vigil/ , chat at %s/ , metrics at "
				+ "%s/actuator/metrics and %s/actuator/prometheus, alerts at %s/actuator/vigil/alerts, reviews at "
				+ "%s/actuator/vigil/reviews, triage at %s/actuator/vigil/tools/lookupOrder. Ctrl-C to stop.%n", base,
				base, base, base, base, base, base);
	}

	/** Sends conversations {@code from} to {@code to} at the demo's pace and waits until they are answered. */
	private void converse(ExecutorService pool, RestClient http, int from, int to, long pause, List<String> orderIds,
			AtomicInteger done, AtomicInteger failed) throws Exception {
		List<Future<?>> futures = new ArrayList<>();
		for (int i = from; i < to; i++) {
			int n = i;
			futures.add(pool.submit(() -> {
				if (!converse(http, n, orderIds)) {
					failed.incrementAndGet();
				}
				progress(done.incrementAndGet(), failed.get());
			}));
			Thread.sleep(pause);
		}
		for (Future<?> future : futures) {
			future.get(2, TimeUnit.MINUTES);
		}
	}

	private volatile boolean emptied;

	private boolean converse(RestClient http, int n, List<String> orderIds) {
		String user = "user-" + (n % this.users);
		String question = Conversations.policyQuestion(n);
		boolean ok = (question == null) || send(http, n, user, question, !this.emptied);
		return ok & converse(http, this.conversations(), n, user, this.endpoint.baseUrl().contains("/api/v1"));
	}

	private Conversations conversations() {
		return this.script;
	}

	/**
	 * Sends conversation {@code n} to the chat API as a user would, then hands the support team's record of how it
	 * should have ended to Vigil as each run's feedback: the ground truth the resolution score is scored against.
	 * @param http the application
	 * @param script the conversations
	 * @param n the conversation's number
	 * @param user the user
	 * @param incident whether the orders system is down while it runs
	 * @return whether every message was answered
	 */
	static boolean converse(RestClient http, Conversations script, int n, String user, boolean incident) {
		boolean resolvable = script.resolvableWithoutHuman(n, incident);
		boolean ok = true;
		for (String message : script.messages(n)) {
			ok &= send(http, n, user, message, resolvable);
		}
		return ok;
	}

	/** Sends one message of conversation {@code n} and its run's feedback: whether it could be resolved. */
	private static boolean send(RestClient http, int n, String user, String message, boolean resolvable) {
		var response = http.post()
			.uri("/api/chat")
			// every tenth conversation takes the two-agent path: triage, then orders or refunds
			.body(Map.of("userId", user, "conversationId", "conversation-" + n, "message", message, "workflow",
					n % 10 == 5))
			.retrieve()
			.onStatus(HttpStatusCode::isError, (request, reply) -> {
			})
			.toEntity(Map.class);
		Map<?, ?> reply = response.getBody();
		if (reply != null && reply.get("runId") != null) {
			http.post()
				.uri("/actuator/vigil/runs/{runId}/feedback", reply.get("runId"))
				.body(Map.of("resolved", resolvable, "source", "handoff-export"))
				.retrieve()
				.onStatus(HttpStatusCode::isError, (request, refused) -> {
				})
				.toBodilessEntity();
		}
		return response.getStatusCode().is2xxSuccessful();
	}


	/** The run log's file, as the demo's logging configuration names it. */
	private static String runLog() {
		String file = System.getenv("VIGIL_RUN_LOG");
		return Path.of((file != null && !file.isBlank()) ? file : "runs.jsonl").toAbsolutePath().toString();
	}

	/**
	 * Shows progress: a bar redrawn in place on a terminal, else one line per quarter, so a log file gets whole
	 * lines.
	 */
	private synchronized void progress(int done, int failed) {
		if (!this.terminal) {
			int quarter = 4 * done / this.conversations;
			if (quarter > this.printedQuarter) {
				this.printedQuarter = quarter;
				System.out.printf("%d/%d conversations sent%s%n", done, this.conversations,
						(failed > 0) ? ", failed: " + failed : "");
			}
			return;
		}
		int width = 40;
		int filled = width * done / this.conversations;
		String phase = this.endpoint.baseUrl().contains("/api/v1") ? "INCIDENT: orders API -> /api/v1 (HTML pages)"
				: "normal: orders API /api/v2";
		System.out.printf("\r[%s%s] %3d/%d conversations  %-45s%s", "#".repeat(filled), ".".repeat(width - filled),
				done, this.conversations, phase, (failed > 0) ? "  failed: " + failed : "");
		System.out.flush();
	}

}
