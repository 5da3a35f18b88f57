package io.github.vigil.autoconfigure;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertPolicy;
import io.github.vigil.cost.ModelPrice;
import io.github.vigil.cost.PriceTable;
import io.github.vigil.eval.Escalation;
import io.github.vigil.eval.EvalPolicy;
import io.github.vigil.grounding.HallucinationAction;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.grounding.StaticKnowledgeBase;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.ContextAction;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.GuardAction;
import io.github.vigil.store.ReplayPolicy;
import io.github.vigil.store.StorePolicy;
import io.github.vigil.store.jdbc.SchemaInitialization;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * Configuration properties for Vigil.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil")
public class VigilProperties {

	private static final LoopPolicy LOOP = LoopPolicy.defaults();

	private static final BudgetPolicy BUDGET = BudgetPolicy.defaults();

	private static final ContextWindowPolicy CONTEXT_WINDOW = ContextWindowPolicy.defaults();

	private static final HallucinationPolicy HALLUCINATION = HallucinationPolicy.defaults();

	private static final AlertPolicy ALERTS = AlertPolicy.defaults();

	private static final StorePolicy STORE = StorePolicy.defaults();

	/**
	 * Whether Vigil observes chat models and AI services. When false, nothing is wrapped, recorded or logged.
	 */
	private boolean enabled = true;

	private final Run run = new Run();

	private final RunLog runLog = new RunLog();

	private final Tracing tracing = new Tracing();

	private final Guard guard = new Guard();

	private final Hallucination hallucination = new Hallucination();

	private final Alerts alerts = new Alerts();

	private final Store store = new Store();

	private final Cost cost = new Cost();

	private final Triage triage = new Triage();

	private final Console console = new Console();

	private final Evals evals = new Evals();

	private final Instance instance = new Instance();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Cost getCost() {
		return this.cost;
	}

	public Store getStore() {
		return this.store;
	}

	public Triage getTriage() {
		return this.triage;
	}

	public Evals getEvals() {
		return this.evals;
	}

	public Console getConsole() {
		return this.console;
	}

	public Run getRun() {
		return this.run;
	}

	public Instance getInstance() {
		return this.instance;
	}

	public RunLog getRunLog() {
		return this.runLog;
	}

	public Tracing getTracing() {
		return this.tracing;
	}

	public Guard getGuard() {
		return this.guard;
	}

	public Hallucination getHallucination() {
		return this.hallucination;
	}

	public Alerts getAlerts() {
		return this.alerts;
	}

	/**
	 * Runs: one call of an AI-service method.
	 */
	public static class Run {

		/**
		 * Key of the AI-service method's InvocationParameters whose value is the run's user id. Without it, the
		 * chat memory id is the user id, else "anonymous".
		 */
		private String userIdKey = Vigil.DEFAULT_USER_ID_KEY;

		/**
		 * Key of the AI-service method's InvocationParameters whose value, when present, is the run's id in the run
		 * log and on spans, so the application can return it to its caller. Without it, the run id is LangChain4j's
		 * invocation id.
		 */
		private String runIdKey = Vigil.DEFAULT_RUN_ID_KEY;

		/**
		 * How long a run may stay unfinished, for example a token stream that was never started, before it is
		 * ended with outcome "error" and error type "abandoned".
		 */
		private Duration abandonAfter = Vigil.DEFAULT_ABANDON_AFTER;

		public String getUserIdKey() {
			return this.userIdKey;
		}

		public void setUserIdKey(String userIdKey) {
			this.userIdKey = userIdKey;
		}

		public String getRunIdKey() {
			return this.runIdKey;
		}

		public void setRunIdKey(String runIdKey) {
			this.runIdKey = runIdKey;
		}

		public Duration getAbandonAfter() {
			return this.abandonAfter;
		}

		public void setAbandonAfter(Duration abandonAfter) {
			this.abandonAfter = abandonAfter;
		}

	}

	/**
	 * The run log: one JSON line per run on the "vigil.runs" logger.
	 */
	public static class RunLog {

		/**
		 * Whether each run is written as one JSON line on the "vigil.runs" logger at INFO.
		 */
		private boolean enabled = Vigil.DEFAULT_RUN_LOG;

		/**
		 * Maximum number of characters of input, output, tool arguments and error messages kept in the run log.
		 */
		private int maxContentLength = Vigil.DEFAULT_MAX_CONTENT_LENGTH;

		/**
		 * Whether e-mail addresses, phone numbers and payment card numbers are masked in the run log.
		 */
		private boolean redactPii = Vigil.DEFAULT_REDACT_PII;

		/**
		 * Whether each run-log event also carries the run's fields as one structured key-value pair, "run", which
		 * structured logging writes as a JSON object. By default it does when Spring Boot's structured logging
		 * (logging.structured.format.console or .file) is configured.
		 */
		private @Nullable Boolean structured;

		public @Nullable Boolean getStructured() {
			return this.structured;
		}

		public void setStructured(@Nullable Boolean structured) {
			this.structured = structured;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxContentLength() {
			return this.maxContentLength;
		}

		public void setMaxContentLength(int maxContentLength) {
			this.maxContentLength = maxContentLength;
		}

		public boolean isRedactPii() {
			return this.redactPii;
		}

		public void setRedactPii(boolean redactPii) {
			this.redactPii = redactPii;
		}

	}

	/**
	 * Traces: runs, model calls and tool calls as Micrometer Observations.
	 */
	public static class Tracing {

		/**
		 * Whether prompts, answers, tool arguments and tool results are added to spans. They may hold personal
		 * data.
		 */
		private boolean includeContent = Vigil.DEFAULT_INCLUDE_CONTENT_IN_TRACES;

		/**
		 * Whether runs and steps are observed through the application's ObservationRegistry. By default they are
		 * when an observation handler other than a meter handler is registered (a tracer's, for example): with
		 * meter handlers alone nothing would read them, since Vigil records its meters itself.
		 */
		private @Nullable Boolean enabled;

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public boolean isIncludeContent() {
			return this.includeContent;
		}

		public void setIncludeContent(boolean includeContent) {
			this.includeContent = includeContent;
		}

	}

	/**
	 * Guards that act on runs while they run.
	 */
	public static class Guard {

		private final Loop loop = new Loop();

		private final Budget budget = new Budget();

		private final ContextWindow contextWindow = new ContextWindow();

		public Loop getLoop() {
			return this.loop;
		}

		public Budget getBudget() {
			return this.budget;
		}

		public ContextWindow getContextWindow() {
			return this.contextWindow;
		}

	}

	/**
	 * The loop kill-switch.
	 */
	public static class Loop {

		/**
		 * Whether the loop kill-switch is on.
		 */
		private boolean enabled = LOOP.enabled();

		/**
		 * Number of requests for one tool in one run at which the request is not executed and the run ends.
		 */
		private int sameToolThreshold = LOOP.sameToolThreshold();

		/**
		 * Per-tool overrides of the same-tool threshold, by tool name, for tools that legitimately run several
		 * times in a run.
		 */
		private Map<String, Integer> toolThresholds = new LinkedHashMap<>();

		/**
		 * Number of identical requests (same tool, same arguments) in one run at which the run ends, whatever the
		 * per-tool threshold.
		 */
		private int identicalCallThreshold = LOOP.identicalCallThreshold();

		/**
		 * What the caller gets when the run ends: "end" returns the message as the AI service's answer for
		 * methods returning String, Result<String> or TokenStream (others behave as "error"); "error" throws
		 * RunKilledException.
		 */
		private GuardAction action = LOOP.action();

		/**
		 * Graceful answer returned when a loop ends the run.
		 */
		private String message = LOOP.message();

		/**
		 * In a multi-agent workflow, whether tool requests are counted per sub-agent invocation instead of across the
		 * whole workflow.
		 */
		private boolean perAgent = LOOP.perAgent();

		public boolean isPerAgent() {
			return this.perAgent;
		}

		public void setPerAgent(boolean perAgent) {
			this.perAgent = perAgent;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getSameToolThreshold() {
			return this.sameToolThreshold;
		}

		public void setSameToolThreshold(int sameToolThreshold) {
			this.sameToolThreshold = sameToolThreshold;
		}

		public Map<String, Integer> getToolThresholds() {
			return this.toolThresholds;
		}

		public void setToolThresholds(Map<String, Integer> toolThresholds) {
			this.toolThresholds = toolThresholds;
		}

		public int getIdenticalCallThreshold() {
			return this.identicalCallThreshold;
		}

		public void setIdenticalCallThreshold(int identicalCallThreshold) {
			this.identicalCallThreshold = identicalCallThreshold;
		}

		public GuardAction getAction() {
			return this.action;
		}

		public void setAction(GuardAction action) {
			this.action = action;
		}

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		LoopPolicy toPolicy() {
			return new LoopPolicy(this.enabled, this.sameToolThreshold, this.toolThresholds,
					this.identicalCallThreshold, this.action, this.message, this.perAgent);
		}

	}

	/**
	 * Run budgets and the learned token baseline.
	 */
	public static class Budget {

		/**
		 * Model calls a run may make; the next one ends the run.
		 */
		private int maxModelCalls = BUDGET.maxModelCalls();

		/**
		 * Tool calls a run may make; the next one is not executed and the run ends.
		 */
		private int maxToolCalls = BUDGET.maxToolCalls();

		/**
		 * Tokens a run may use before its next model call is refused and the run ends. 0 turns the cap off.
		 */
		private long maxTokens = BUDGET.maxTokens();

		/**
		 * What the caller gets when a budget ends the run: "end" or "error", as for the loop kill-switch.
		 */
		private GuardAction action = BUDGET.action();

		/**
		 * Graceful answer returned when a budget ends the run.
		 */
		private String message = BUDGET.message();

		/**
		 * Completed runs of an agent needed before its token baseline (p95 of total tokens per run) is used.
		 */
		private int baselineMinRuns = BUDGET.baselineMinRuns();

		/**
		 * Number of an agent's most recent completed runs the token baseline is taken over.
		 */
		private int baselineWindow = BUDGET.baselineWindow();

		/**
		 * How many times its agent's p95 baseline a run may use before the baseline guard trips.
		 */
		private double baselineMultiplier = BUDGET.baselineMultiplier();

		/**
		 * What happens when a run passes the baseline: "warn" records and logs it and lets the run go on, "end"
		 * and "error" end it.
		 */
		private GuardAction baselineAction = BUDGET.baselineAction();

		/**
		 * What a run may cost, in vigil.cost.currency; the run ends (with the budget's action) before its next
		 * model call once its priced calls cost this much. Unset for no cap.
		 */
		private @Nullable BigDecimal maxCost = BUDGET.maxCost();

		public @Nullable BigDecimal getMaxCost() {
			return this.maxCost;
		}

		public void setMaxCost(@Nullable BigDecimal maxCost) {
			this.maxCost = maxCost;
		}

		public int getMaxModelCalls() {
			return this.maxModelCalls;
		}

		public void setMaxModelCalls(int maxModelCalls) {
			this.maxModelCalls = maxModelCalls;
		}

		public int getMaxToolCalls() {
			return this.maxToolCalls;
		}

		public void setMaxToolCalls(int maxToolCalls) {
			this.maxToolCalls = maxToolCalls;
		}

		public long getMaxTokens() {
			return this.maxTokens;
		}

		public void setMaxTokens(long maxTokens) {
			this.maxTokens = maxTokens;
		}

		public GuardAction getAction() {
			return this.action;
		}

		public void setAction(GuardAction action) {
			this.action = action;
		}

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		public int getBaselineMinRuns() {
			return this.baselineMinRuns;
		}

		public void setBaselineMinRuns(int baselineMinRuns) {
			this.baselineMinRuns = baselineMinRuns;
		}

		public int getBaselineWindow() {
			return this.baselineWindow;
		}

		public void setBaselineWindow(int baselineWindow) {
			this.baselineWindow = baselineWindow;
		}

		public double getBaselineMultiplier() {
			return this.baselineMultiplier;
		}

		public void setBaselineMultiplier(double baselineMultiplier) {
			this.baselineMultiplier = baselineMultiplier;
		}

		public GuardAction getBaselineAction() {
			return this.baselineAction;
		}

		public void setBaselineAction(GuardAction baselineAction) {
			this.baselineAction = baselineAction;
		}

		BudgetPolicy toPolicy() {
			return new BudgetPolicy(this.maxModelCalls, this.maxToolCalls, this.maxTokens, this.action, this.message,
					this.baselineMinRuns, this.baselineWindow, this.baselineMultiplier, this.baselineAction)
				.withMaxCost(positiveOrFail("vigil.guard.budget.max-cost", this.maxCost));
		}

		private static @Nullable BigDecimal positiveOrFail(String property, @Nullable BigDecimal value) {
			if (value != null && value.signum() <= 0) {
				throw new IllegalStateException(property + " must be positive (leave it unset for no cap), was "
						+ value.toPlainString());
			}
			return value;
		}

	}

	/**
	 * The context-window guard.
	 */
	public static class ContextWindow {

		/**
		 * Whether the context-window guard is on.
		 */
		private boolean enabled = CONTEXT_WINDOW.enabled();

		/**
		 * Share of the model's context window a request may use before the guard acts, between 0 and 1.
		 */
		private double threshold = CONTEXT_WINDOW.threshold();

		/**
		 * Context windows in tokens by model name; a name also matches models whose name starts with it. Takes
		 * precedence over the built-in table.
		 */
		private Map<String, Integer> windows = new LinkedHashMap<>();

		/**
		 * Context window in tokens of models neither "windows" nor the built-in table knows.
		 */
		private int defaultWindow = CONTEXT_WINDOW.defaultWindow();

		/**
		 * What the guard does at the threshold: "summarize" replaces the oldest part of the conversation in chat
		 * memory with a summary (trimming if that fails), "trim" drops the oldest messages, "warn" only records.
		 */
		private ContextAction action = CONTEXT_WINDOW.action();

		/**
		 * Number of most recent messages a summary never replaces.
		 */
		private int keepRecentMessages = CONTEXT_WINDOW.keepRecentMessages();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public Map<String, Integer> getWindows() {
			return this.windows;
		}

		public void setWindows(Map<String, Integer> windows) {
			this.windows = windows;
		}

		public int getDefaultWindow() {
			return this.defaultWindow;
		}

		public void setDefaultWindow(int defaultWindow) {
			this.defaultWindow = defaultWindow;
		}

		public ContextAction getAction() {
			return this.action;
		}

		public void setAction(ContextAction action) {
			this.action = action;
		}

		public int getKeepRecentMessages() {
			return this.keepRecentMessages;
		}

		public void setKeepRecentMessages(int keepRecentMessages) {
			this.keepRecentMessages = keepRecentMessages;
		}

		ContextWindowPolicy toPolicy() {
			return new ContextWindowPolicy(this.enabled, this.threshold, this.windows, this.defaultWindow, this.action,
					this.keepRecentMessages);
		}

	}

	/**
	 * The hallucination proxy: final answers checked against the knowledge base, the catalog and the run's own tool
	 * results.
	 */
	public static class Hallucination {

		/**
		 * Whether every final answer of a run is checked for unbacked URLs, prices, people and identifiers.
		 */
		private boolean enabled = HALLUCINATION.enabled();

		/**
		 * What happens to an answer with unbacked items: "flag" records them, "reprompt" asks the model once more
		 * naming them, "block" replaces the answer with the block message.
		 */
		private HallucinationAction action = HALLUCINATION.action();

		/**
		 * Answer given instead of a blocked one.
		 */
		private String blockMessage = HALLUCINATION.blockMessage();

		/**
		 * Number of flagged answers kept for review at /actuator/vigil/reviews, newest first.
		 */
		private int reviewCapacity = HALLUCINATION.reviewCapacity();

		/**
		 * Product catalog as CSV with the header sku,name,price,currency, for example classpath:catalog.csv. A
		 * catalog file on disk is read again when it changes.
		 */
		private @Nullable Resource catalog;

		private final KnowledgeBaseProperties knowledgeBase = new KnowledgeBaseProperties();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public HallucinationAction getAction() {
			return this.action;
		}

		public void setAction(HallucinationAction action) {
			this.action = action;
		}

		public String getBlockMessage() {
			return this.blockMessage;
		}

		public void setBlockMessage(String blockMessage) {
			this.blockMessage = blockMessage;
		}

		public int getReviewCapacity() {
			return this.reviewCapacity;
		}

		public void setReviewCapacity(int reviewCapacity) {
			this.reviewCapacity = reviewCapacity;
		}

		public @Nullable Resource getCatalog() {
			return this.catalog;
		}

		public void setCatalog(@Nullable Resource catalog) {
			this.catalog = catalog;
		}

		public KnowledgeBaseProperties getKnowledgeBase() {
			return this.knowledgeBase;
		}

		HallucinationPolicy toPolicy() {
			return new HallucinationPolicy(this.enabled, this.action, this.blockMessage, this.reviewCapacity);
		}

	}

	/**
	 * What the business knows, given in properties.
	 */
	public static class KnowledgeBaseProperties {

		/**
		 * URLs the agent may quote, exactly.
		 */
		private List<String> urls = new ArrayList<>();

		/**
		 * URL prefixes under which every URL is published, such as https://help.example.com/.
		 */
		private List<String> urlPrefixes = new ArrayList<>();

		/**
		 * Full names of people the agent may name.
		 */
		private List<String> people = new ArrayList<>();

		/**
		 * Regular expressions of identifiers the agent must not invent, such as ORD-[0-9]{5}.
		 */
		private List<String> identifierPatterns = new ArrayList<>();

		public List<String> getUrls() {
			return this.urls;
		}

		public void setUrls(List<String> urls) {
			this.urls = urls;
		}

		public List<String> getUrlPrefixes() {
			return this.urlPrefixes;
		}

		public void setUrlPrefixes(List<String> urlPrefixes) {
			this.urlPrefixes = urlPrefixes;
		}

		public List<String> getPeople() {
			return this.people;
		}

		public void setPeople(List<String> people) {
			this.people = people;
		}

		public List<String> getIdentifierPatterns() {
			return this.identifierPatterns;
		}

		public void setIdentifierPatterns(List<String> identifierPatterns) {
			this.identifierPatterns = identifierPatterns;
		}

		StaticKnowledgeBase toKnowledgeBase() {
			return new StaticKnowledgeBase(new LinkedHashSet<>(this.urls), this.urlPrefixes,
					new LinkedHashSet<>(this.people), this.identifierPatterns, List.of());
		}

	}

	/**
	 * The in-process alert evaluator.
	 */
	public static class Alerts {

		/**
		 * Whether the alert rules are evaluated in the application.
		 */
		private boolean enabled = ALERTS.enabled();

		/**
		 * How often the alert rules are evaluated.
		 */
		private Duration evaluationInterval = ALERTS.evaluationInterval();

		/**
		 * Window the latency-baseline, tail-latency, run-tokens-baseline, loop and context-window rules look back
		 * over.
		 */
		private Duration window = ALERTS.window();

		/**
		 * File the hourly latency baselines are kept in across restarts. Without it, baselines start empty after a
		 * restart.
		 */
		private @Nullable Path baselineFile;

		private final ToolErrorRate toolErrorRate = new ToolErrorRate();

		private final LatencyBaseline latencyBaseline = new LatencyBaseline();

		private final TailLatency tailLatency = new TailLatency();

		private final AlertHealth health = new AlertHealth();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getEvaluationInterval() {
			return this.evaluationInterval;
		}

		public void setEvaluationInterval(Duration evaluationInterval) {
			this.evaluationInterval = evaluationInterval;
		}

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public @Nullable Path getBaselineFile() {
			return this.baselineFile;
		}

		public void setBaselineFile(@Nullable Path baselineFile) {
			this.baselineFile = baselineFile;
		}

		public ToolErrorRate getToolErrorRate() {
			return this.toolErrorRate;
		}

		public LatencyBaseline getLatencyBaseline() {
			return this.latencyBaseline;
		}

		public TailLatency getTailLatency() {
			return this.tailLatency;
		}

		public AlertHealth getHealth() {
			return this.health;
		}

		AlertPolicy toPolicy() {
			return new AlertPolicy(this.enabled, this.evaluationInterval, this.window, this.toolErrorRate.getWindow(),
					this.toolErrorRate.getThreshold(), this.toolErrorRate.getCriticalThreshold(),
					this.toolErrorRate.getMinCalls(), this.latencyBaseline.getMultiplier(),
					this.latencyBaseline.getMinBaseline(), this.tailLatency.getRatio(),
					this.tailLatency.getMinSamples(), this.baselineFile);
		}

	}

	/**
	 * The tool-error-rate alert.
	 */
	public static class ToolErrorRate {

		/**
		 * Window a tool's error rate is computed over.
		 */
		private Duration window = ALERTS.toolErrorWindow();

		/**
		 * Error rate (errors / calls) at which the alert fires as a warning.
		 */
		private double threshold = ALERTS.toolErrorThreshold();

		/**
		 * Error rate at which the alert is critical.
		 */
		private double criticalThreshold = ALERTS.toolErrorCriticalThreshold();

		/**
		 * Calls of a tool in the window needed before its error rate counts.
		 */
		private int minCalls = ALERTS.toolErrorMinCalls();

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public double getCriticalThreshold() {
			return this.criticalThreshold;
		}

		public void setCriticalThreshold(double criticalThreshold) {
			this.criticalThreshold = criticalThreshold;
		}

		public int getMinCalls() {
			return this.minCalls;
		}

		public void setMinCalls(int minCalls) {
			this.minCalls = minCalls;
		}

	}

	/**
	 * The latency-baseline alert.
	 */
	public static class LatencyBaseline {

		/**
		 * How many times its weekly baseline (the hourly p95 averaged over the previous 7 days) a model's or tool's
		 * p95 over the window may be before the alert fires.
		 */
		private double multiplier = ALERTS.latencyMultiplier();

		/**
		 * History needed before the weekly baseline is used.
		 */
		private Duration minBaseline = ALERTS.latencyMinBaseline();

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			this.multiplier = multiplier;
		}

		public Duration getMinBaseline() {
			return this.minBaseline;
		}

		public void setMinBaseline(Duration minBaseline) {
			this.minBaseline = minBaseline;
		}

	}

	/**
	 * The tail-latency alert.
	 */
	public static class TailLatency {

		/**
		 * p99 / p50 ratio over the window at which the alert fires.
		 */
		private double ratio = ALERTS.tailRatio();

		/**
		 * Samples of a model or tool in the window needed before the rule is evaluated.
		 */
		private int minSamples = ALERTS.tailMinSamples();

		public double getRatio() {
			return this.ratio;
		}

		public void setRatio(double ratio) {
			this.ratio = ratio;
		}

		public int getMinSamples() {
			return this.minSamples;
		}

		public void setMinSamples(int minSamples) {
			this.minSamples = minSamples;
		}

	}

	/**
	 * The "vigil" health contributor.
	 */
	public static class AlertHealth {

		/**
		 * Health status reported while an alert fires. The default, DEGRADED, maps to HTTP 200 so a failing
		 * downstream does not take the instance out of a load balancer; DOWN would.
		 */
		private String statusWhenFiring = "DEGRADED";

		public String getStatusWhenFiring() {
			return this.statusWhenFiring;
		}

		public void setStatusWhenFiring(String statusWhenFiring) {
			this.statusWhenFiring = statusWhenFiring;
		}

	}


	/**
	 * Cost in money.
	 */
	public static class Cost {

		/**
		 * ISO 4217 currency of prices and costs. The shipped prices are in USD; with another currency only
		 * vigil.cost.prices price models.
		 */
		private String currency = PriceTable.DEFAULT_CURRENCY;

		/**
		 * Prices per model name (or a prefix its snapshots share), per million tokens, over the shipped table; for
		 * names with dots use brackets: vigil.cost.prices[gpt-4.1].input.
		 */
		private Map<String, Price> prices = new LinkedHashMap<>();

		public String getCurrency() {
			return this.currency;
		}

		public void setCurrency(String currency) {
			this.currency = currency;
		}

		public Map<String, Price> getPrices() {
			return this.prices;
		}

		public void setPrices(Map<String, Price> prices) {
			this.prices = prices;
		}

		PriceTable toPriceTable() {
			PriceTable table;
			try {
				table = PriceTable.in(this.currency);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalStateException("vigil.cost.currency: " + ex.getMessage());
			}
			for (Map.Entry<String, Price> entry : this.prices.entrySet()) {
				table = table.with(entry.getKey(), entry.getValue().toPrice("vigil.cost.prices." + entry.getKey()));
			}
			return table;
		}

	}

	/**
	 * A model's price per million tokens.
	 */
	public static class Price {

		/**
		 * Price of a million uncached input tokens.
		 */
		private @Nullable BigDecimal input;

		/**
		 * Price of a million input tokens read from the prompt cache; the input price when unset.
		 */
		private @Nullable BigDecimal cachedInput;

		/**
		 * Price of a million input tokens written to the prompt cache (Anthropic); the input price when unset.
		 */
		private @Nullable BigDecimal cacheWrite;

		/**
		 * Price of a million output tokens.
		 */
		private @Nullable BigDecimal output;

		/**
		 * Price of a million reasoning tokens, where billed apart from output; the output price when unset.
		 */
		private @Nullable BigDecimal reasoning;

		public @Nullable BigDecimal getInput() {
			return this.input;
		}

		public void setInput(@Nullable BigDecimal input) {
			this.input = input;
		}

		public @Nullable BigDecimal getCachedInput() {
			return this.cachedInput;
		}

		public void setCachedInput(@Nullable BigDecimal cachedInput) {
			this.cachedInput = cachedInput;
		}

		public @Nullable BigDecimal getCacheWrite() {
			return this.cacheWrite;
		}

		public void setCacheWrite(@Nullable BigDecimal cacheWrite) {
			this.cacheWrite = cacheWrite;
		}

		public @Nullable BigDecimal getOutput() {
			return this.output;
		}

		public void setOutput(@Nullable BigDecimal output) {
			this.output = output;
		}

		public @Nullable BigDecimal getReasoning() {
			return this.reasoning;
		}

		public void setReasoning(@Nullable BigDecimal reasoning) {
			this.reasoning = reasoning;
		}

		ModelPrice toPrice(String property) {
			if (this.input == null || this.output == null) {
				throw new IllegalStateException(property + " needs both input and output prices");
			}
			requireNotNegative(property + ".input", this.input);
			requireNotNegative(property + ".cached-input", this.cachedInput);
			requireNotNegative(property + ".cache-write", this.cacheWrite);
			requireNotNegative(property + ".output", this.output);
			requireNotNegative(property + ".reasoning", this.reasoning);
			return new ModelPrice(this.input, this.cachedInput, this.cacheWrite, this.output, this.reasoning);
		}

		private static void requireNotNegative(String property, @Nullable BigDecimal value) {
			if (value != null && value.signum() < 0) {
				throw new IllegalStateException(property + " must not be negative, was " + value.toPlainString());
			}
		}

	}

	/**
	 * The run store: every finished run with its steps, for triage from the application.
	 */
	public static class Store {

		/**
		 * Whether finished runs are stored, for the triage endpoints and replay.
		 */
		private boolean enabled = STORE.enabled();

		/**
		 * Where runs are stored: memory (bounded, this instance only) or jdbc (a database every instance shares).
		 */
		private StoreType type = StoreType.MEMORY;

		/**
		 * How long runs are kept.
		 */
		private Duration retention = STORE.retention();

		/**
		 * Runs kept at most; the oldest beyond it are deleted.
		 */
		private int maxRuns = STORE.maxRuns();

		/**
		 * Share of ordinary runs stored, from 0 to 1; runs with an error, a kill, a tool failure, a guard decision
		 * or a flag are always stored.
		 */
		private double sampleRate = STORE.sampleRate();

		/**
		 * Runs waiting to be written at most; beyond it runs are dropped and counted in vigil.store.dropped.
		 */
		private int queueCapacity = STORE.queueCapacity();

		/**
		 * Whether content (messages, arguments, results) is stored whole instead of truncated and redacted like the
		 * run log.
		 */
		private boolean fullContent = STORE.fullContent();

		/**
		 * Name of this application instance in stored runs; by default the host name and process id. Kept for
		 * compatibility: vigil.instance.name takes precedence.
		 */
		private @Nullable String instance;

		private final Jdbc jdbc = new Jdbc();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public StoreType getType() {
			return this.type;
		}

		public void setType(StoreType type) {
			this.type = type;
		}

		public Duration getRetention() {
			return this.retention;
		}

		public void setRetention(Duration retention) {
			this.retention = retention;
		}

		public int getMaxRuns() {
			return this.maxRuns;
		}

		public void setMaxRuns(int maxRuns) {
			this.maxRuns = maxRuns;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public boolean isFullContent() {
			return this.fullContent;
		}

		public void setFullContent(boolean fullContent) {
			this.fullContent = fullContent;
		}

		public @Nullable String getInstance() {
			return this.instance;
		}

		public void setInstance(@Nullable String instance) {
			this.instance = instance;
		}

		public Jdbc getJdbc() {
			return this.jdbc;
		}

		StorePolicy toPolicy() {
			return new StorePolicy(this.enabled, this.retention, this.maxRuns, this.sampleRate, this.queueCapacity,
					this.fullContent);
		}

	}

	/**
	 * Where runs are stored.
	 */
	public enum StoreType {

		/** In memory, bounded, this instance only. */
		MEMORY,

		/** A database over JDBC, shared by every instance. */
		JDBC

	}

	/**
	 * The JDBC run store. Vigil never uses the application's primary DataSource unless its bean is named here.
	 */
	public static class Jdbc {

		/**
		 * JDBC URL of the run store's own database (PostgreSQL, or H2 for tests and single instances).
		 */
		private @Nullable String url;

		/**
		 * User of the run store's own database.
		 */
		private @Nullable String username;

		/**
		 * Password of the run store's own database.
		 */
		private @Nullable String password;

		/**
		 * Name of a DataSource bean to store runs in, instead of a URL.
		 */
		private @Nullable String datasource;

		/**
		 * When the schema script is applied on start: embedded (H2 only), always, or never (the application's
		 * migrations create the tables from the script shipped in vigil-core).
		 */
		private SchemaInitialization initializeSchema = SchemaInitialization.EMBEDDED;

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

		public @Nullable String getDatasource() {
			return this.datasource;
		}

		public void setDatasource(@Nullable String datasource) {
			this.datasource = datasource;
		}

		public SchemaInitialization getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(SchemaInitialization initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

	}

	/**
	 * This application instance, on every run: so that triage can tell which version and instance a failure began on.
	 */
	public static class Instance {

		/**
		 * Name of this application instance on every run; by default vigil.store.instance, else the host name and
		 * process id.
		 */
		private @Nullable String name;

		/**
		 * Version of the application on every run; by default Boot's build info (META-INF/build-info.properties),
		 * else git's abbreviated commit id (git.properties).
		 */
		private @Nullable String version;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable String version) {
			this.version = version;
		}

	}

	/**
	 * The agent console: a page in the application that reads the vigil endpoint.
	 */
	public static class Console {

		/**
		 * Whether the agent console is served. It reads the vigil Actuator endpoint from the browser, so it shows what
		 * that endpoint exposes: secure both.
		 */
		private boolean enabled = false;

		/**
		 * Path of the agent console; its assets are beneath it.
		 */
		private String path = "/vigil";

		/**
		 * How often the console refreshes itself.
		 */
		private Duration refresh = Duration.ofSeconds(5);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getPath() {
			return this.path;
		}

		public void setPath(String path) {
			this.path = path;
		}

		public Duration getRefresh() {
			return this.refresh;
		}

		public void setRefresh(Duration refresh) {
			this.refresh = refresh;
		}

	}

	/**
	 * Triage from the application.
	 */
	public static class Triage {

		private final Replay replay = new Replay();

		public Replay getReplay() {
			return this.replay;
		}

	}

	/**
	 * Replay of stored tool calls and runs: a write operation, off by default.
	 */
	public static class Replay {

		/**
		 * Whether stored tool calls and runs may be replayed (POST only). Replay calls the application's tools again.
		 */
		private boolean enabled = ReplayPolicy.off().enabled();

		/**
		 * Tools that may be called again with recorded arguments: only tools without side effects.
		 */
		private Set<String> tools = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<String> getTools() {
			return this.tools;
		}

		public void setTools(Set<String> tools) {
			this.tools = tools;
		}

	}

	/**
	 * Evals: online scoring of finished runs, feedback, the resolution trend and its alert.
	 */
	public static class Evals {

		private static final EvalPolicy EVALS = EvalPolicy.defaults();

		/**
		 * Whether finished runs are scored, off the user's thread.
		 */
		private boolean enabled = EVALS.enabled();

		/**
		 * Share of runs scored, in [0, 1].
		 */
		private double sampleRate = EVALS.sampleRate();

		/**
		 * Only these agents' runs are scored (AI-service interface simple names); empty for all.
		 */
		private Set<String> agents = new LinkedHashSet<>();

		/**
		 * Only runs with these outcomes are scored (completed, error, killed); empty for all.
		 */
		private Set<String> outcomes = new LinkedHashSet<>();

		/**
		 * The shipped scorers every run goes through: resolution, tool-success, grounded, not-killed; Scorer beans
		 * are added to them.
		 */
		private List<String> scorers = new ArrayList<>(List.of("resolution", "tool-success", "grounded",
				"not-killed"));

		/**
		 * Finished runs waiting to be scored at most; more are dropped and counted in vigil.eval.dropped.
		 */
		private int queueCapacity = EVALS.queueCapacity();

		/**
		 * Threads that score runs.
		 */
		private int threads = EVALS.threads();

		private final Resolution resolution = new Resolution();

		private final ResolutionDrop resolutionDrop = new ResolutionDrop();

		private final Judge judge = new Judge();

		private final Feedback feedback = new Feedback();

		private final Dataset dataset = new Dataset();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

		public Set<String> getAgents() {
			return this.agents;
		}

		public void setAgents(Set<String> agents) {
			this.agents = agents;
		}

		public Set<String> getOutcomes() {
			return this.outcomes;
		}

		public void setOutcomes(Set<String> outcomes) {
			this.outcomes = outcomes;
		}

		public List<String> getScorers() {
			return this.scorers;
		}

		public void setScorers(List<String> scorers) {
			this.scorers = scorers;
		}

		public int getQueueCapacity() {
			return this.queueCapacity;
		}

		public void setQueueCapacity(int queueCapacity) {
			this.queueCapacity = queueCapacity;
		}

		public int getThreads() {
			return this.threads;
		}

		public void setThreads(int threads) {
			this.threads = threads;
		}

		public Resolution getResolution() {
			return this.resolution;
		}

		public ResolutionDrop getResolutionDrop() {
			return this.resolutionDrop;
		}

		public Judge getJudge() {
			return this.judge;
		}

		public Feedback getFeedback() {
			return this.feedback;
		}

		public Dataset getDataset() {
			return this.dataset;
		}

		EvalPolicy toPolicy() {
			return new EvalPolicy(this.enabled, this.sampleRate, this.agents, this.outcomes, this.queueCapacity,
					this.threads, this.resolutionDrop.getPoints(), this.resolutionDrop.getMinScored());
		}

	}

	/**
	 * What counts as a run escalating to a human, for the resolution scorer.
	 */
	public static class Resolution {

		/**
		 * Tools that hand the user to a human; a successful call of one makes the run escalated.
		 */
		private List<String> escalationTools = new ArrayList<>(Escalation.DEFAULT_TOOLS);

		/**
		 * Phrases of an answer that hands the user over, matched case-insensitively.
		 */
		private List<String> escalationPhrases = new ArrayList<>(Escalation.DEFAULT_PHRASES);

		public List<String> getEscalationTools() {
			return this.escalationTools;
		}

		public void setEscalationTools(List<String> escalationTools) {
			this.escalationTools = escalationTools;
		}

		public List<String> getEscalationPhrases() {
			return this.escalationPhrases;
		}

		public void setEscalationPhrases(List<String> escalationPhrases) {
			this.escalationPhrases = escalationPhrases;
		}

		Escalation toEscalation() {
			return new Escalation(this.escalationTools, this.escalationPhrases);
		}

	}

	/**
	 * The resolution-drop alert: this week's resolution rate against last week's.
	 */
	public static class ResolutionDrop {

		/**
		 * How many points (hundredths of the rate) this week's resolution rate must be below last week's to fire.
		 */
		private double points = EvalPolicy.defaults().resolutionDropPoints();

		/**
		 * Scored runs needed in each of the two weeks before they are compared.
		 */
		private int minScored = EvalPolicy.defaults().resolutionMinScored();

		public double getPoints() {
			return this.points;
		}

		public void setPoints(double points) {
			this.points = points;
		}

		public int getMinScored() {
			return this.minScored;
		}

		public void setMinScored(int minScored) {
			this.minScored = minScored;
		}

	}

	/**
	 * The LLM-judge scorer: a chat model grades sampled answers against a rubric. Off by default: each judged run
	 * costs a model call.
	 */
	public static class Judge {

		/**
		 * Whether the judge scores runs, with the ChatModel bean named vigilJudge (else the application's only
		 * ChatModel).
		 */
		private boolean enabled;

		/**
		 * What a good answer is, in the judging model's language.
		 */
		private String rubric = "The answer addresses the user's question specifically, uses only facts the tools "
				+ "returned, and hands over to a human when it cannot help.";

		/**
		 * Share of scored runs the judge grades, in [0, 1].
		 */
		private double sampleRate = 0.05;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public String getRubric() {
			return this.rubric;
		}

		public void setRubric(String rubric) {
			this.rubric = rubric;
		}

		public double getSampleRate() {
			return this.sampleRate;
		}

		public void setSampleRate(double sampleRate) {
			this.sampleRate = sampleRate;
		}

	}

	/**
	 * The feedback endpoint, POST /actuator/vigil/runs/{runId}/feedback: a write operation, off by default.
	 */
	public static class Feedback {

		/**
		 * Whether resolution outcomes may be attached to stored runs over the endpoint.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The dataset export, GET /actuator/vigil/evals/dataset: the stored runs' messages in bulk, off by default.
	 */
	public static class Dataset {

		/**
		 * Whether stored runs may be exported as a JSONL eval dataset over the endpoint.
		 */
		private boolean enabled;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
