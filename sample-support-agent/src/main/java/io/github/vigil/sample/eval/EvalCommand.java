package io.github.vigil.sample.eval;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.Vigil;
import io.github.vigil.eval.Eval;
import io.github.vigil.eval.EvalDataset;
import io.github.vigil.eval.EvalResult;
import io.github.vigil.eval.Scorer;
import io.github.vigil.sample.agent.AgentConfiguration;
import io.github.vigil.sample.agent.OrderTools;
import io.github.vigil.sample.agent.OrdersEndpoint;
import io.github.vigil.sample.agent.SupportAgent;
import io.github.vigil.sample.demo.Conversations;
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
 * The eval command ({@code --spring.profiles.active=eval}): it plays last week's conversations through the chat API
 * with the current prompt (the orders system down for the middle third), posts the support team's handoff records
 * as feedback, exports the stored runs with ground truth as a JSONL dataset from {@code /actuator/vigil/evals/dataset},
 * answers every case again with the candidate prompt ({@code support.eval.prompt}) and the recorded tool results,
 * scores resolution, prints the report and gates on the baseline ({@code support.eval.baseline}). The exit code is
 * 0 when the gate passes, 1 when a score dropped.
 */
@Component
@Profile("eval")
public class EvalCommand {

	private static final Logger logger = LoggerFactory.getLogger(EvalCommand.class);

	private final ConfigurableApplicationContext context;

	private final Conversations script;

	private final OrdersEndpoint endpoint;

	private final SupportAgent candidate;

	private final Vigil vigil;

	private final String prompt;

	private final Path baseline;

	private final Path reports;

	private final int conversations;

	private final double maxDrop;

	private final boolean exit;

	private volatile int exitCode = -1;

	private volatile String report = "";

	public EvalCommand(ConfigurableApplicationContext context, Orders orders, OrdersEndpoint endpoint,
			ChatModel chatModel, OrderTools tools, Vigil vigil,
			@Value("${support.refunds.approval-limit:1000.00}") BigDecimal approvalLimit,
			@Value("${support.eval.prompt:current}") String prompt,
			@Value("${support.eval.baseline:eval/baseline.json}") Path baseline,
			@Value("${support.eval.reports:target/vigil-eval}") Path reports,
			@Value("${support.eval.conversations:60}") int conversations,
			@Value("${support.eval.max-drop:5}") double maxDrop, @Value("${support.eval.exit:true}") boolean exit) {
		this.context = context;
		this.script = new Conversations(orders, approvalLimit);
		this.endpoint = endpoint;
		this.candidate = AgentConfiguration.agent(chatModel, tools, prompt);
		this.vigil = vigil;
		this.prompt = prompt;
		this.baseline = baseline;
		this.reports = reports;
		this.conversations = conversations;
		this.maxDrop = maxDrop;
		this.exit = exit;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Thread command = new Thread(this::runSafely, "eval-command");
		command.setDaemon(true);
		command.start();
	}

	/**
	 * Returns the exit code once the eval has run.
	 * @return 0 passed, 1 a score dropped, 2 the eval failed; -1 while it runs
	 */
	public int exitCode() {
		return this.exitCode;
	}

	/**
	 * Returns the printed report once the eval has run.
	 * @return the report, empty before
	 */
	public String report() {
		return this.report;
	}

	private void runSafely() {
		int code;
		try {
			code = run();
		}
		catch (Exception ex) {
			logger.error("The eval failed", ex);
			code = 2;
		}
		this.exitCode = code;
		if (this.exit) {
			int status = code;
			System.exit(SpringApplication.exit(this.context, () -> status));
		}
	}

	int run() throws Exception {
		String base = "http://localhost:" + this.context.getEnvironment().getProperty("local.server.port");
		RestClient http = RestClient.builder().baseUrl(base).build();
		System.out.printf("%nVigil eval: %d conversations of last week with the current prompt (the orders system "
				+ "down for the middle third), the support team's handoff records as ground truth; then every run "
				+ "answered again with the prompt '%s' and the recorded tool results.%n", this.conversations,
				this.prompt);
		lastWeek(http);
		this.vigil.flushRuns(Duration.ofSeconds(10));
		this.vigil.flushScores(Duration.ofSeconds(10));

		String jsonl = http.get()
			.uri("/actuator/vigil/evals/dataset?days=7&groundTruthOnly=true")
			.retrieve()
			.body(String.class);
		Files.createDirectories(this.reports);
		Path datasetFile = this.reports.resolve("last-week.jsonl");
		Files.writeString(datasetFile, (jsonl != null) ? jsonl : "", StandardCharsets.UTF_8);
		EvalDataset dataset = EvalDataset.fromJsonl(datasetFile);
		System.out.printf("Dataset: %d runs with ground truth, exported to %s%n%n", dataset.size(),
				datasetFile.toAbsolutePath());

		boolean firstBaseline = !Files.exists(this.baseline);
		EvalResult result = Eval.of(dataset)
			.name("prompt-" + this.prompt)
			.task((c) -> this.candidate.chat("eval-" + c.id(), c.input(),
					InvocationParameters.from(Map.of("userId", (c.userId() != null) ? c.userId() : "eval"))))
			.scorers(Scorer.resolution())
			.baseline(this.baseline)
			.maxDrop(this.maxDrop)
			.parallelism(4)
			.run();
		Path json = result.writeJson(this.reports.resolve("prompt-" + this.prompt + ".json"));
		Path html = result.writeHtml(this.reports.resolve("prompt-" + this.prompt + ".html"));
		StringBuilder out = new StringBuilder(result.table());
		out.append(String.format("%nReport: %s (and %s)%n", html.toAbsolutePath(), json.toAbsolutePath()));
		if (firstBaseline) {
			result.writeJson(this.baseline);
			out.append(String.format("No baseline yet: this result is now the baseline, %s%n",
					this.baseline.toAbsolutePath()));
		}
		else {
			out.append(String.format("Baseline: %s%n", this.baseline.toAbsolutePath()));
		}
		this.report = out.toString();
		System.out.println(this.report);
		return result.passed() ? 0 : 1;
	}

	/** Last week's traffic: the conversations, the orders system down for the middle third. */
	private void lastWeek(RestClient http) throws Exception {
		String healthy = this.endpoint.baseUrl();
		int first = this.conversations / 3;
		int second = 2 * this.conversations / 3;
		converse(http, 0, first, false);
		this.endpoint.switchTo(healthy.replace("/api/v2", "/api/v1"));
		try {
			converse(http, first, second, true);
		}
		finally {
			this.endpoint.switchTo(healthy);
		}
		converse(http, second, this.conversations, false);
	}

	private void converse(RestClient http, int from, int to, boolean incident) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int i = from; i < to; i++) {
				int n = i;
				futures.add(pool.submit(() -> converse(http, n, incident)));
			}
			for (Future<?> future : futures) {
				future.get(2, TimeUnit.MINUTES);
			}
		}
		finally {
			pool.shutdown();
		}
	}

	/** One conversation as a user has it, then the support team's record of it as each run's feedback. */
	private void converse(RestClient http, int n, boolean incident) {
		boolean resolvable = this.script.resolvableWithoutHuman(n, incident);
		for (String message : this.script.messages(n)) {
			Map<?, ?> reply = http.post()
				.uri("/api/chat")
				.body(Map.of("userId", "user-" + (n % 25), "conversationId", "last-week-" + n, "message", message))
				.retrieve()
				.onStatus(HttpStatusCode::isError, (request, response) -> {
				})
				.body(Map.class);
			if (reply != null && reply.get("runId") != null) {
				http.post()
					.uri("/actuator/vigil/runs/{runId}/feedback", reply.get("runId"))
					.body(Map.of("resolved", resolvable, "source", "handoff-export"))
					.retrieve()
					.toBodilessEntity();
			}
		}
	}

}
