package io.github.vigil.alert;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Capabilities;
import io.github.vigil.run.InternalFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert rules over the recent steps every {@code evaluation-interval}. Each alert is {@code firing} or
 * {@code resolved} per subject; a transition is logged once (WARN when it fires, INFO when it resolves), counted,
 * and handed to every {@link AlertListener}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class AlertEvaluator implements AutoCloseable {

	/** Id of the tool error-rate alert. */
	public static final String TOOL_ERROR_RATE = "tool-error-rate";

	/** Id of the latency-against-weekly-baseline alert. */
	public static final String LATENCY_BASELINE = "latency-baseline";

	/** Id of the tail-latency alert. */
	public static final String TAIL_LATENCY = "tail-latency";

	/** Id of the run-tokens-against-baseline alert. */
	public static final String RUN_TOKENS_BASELINE = "run-tokens-baseline";

	/** Id of the loop alert. */
	public static final String LOOP = "loop";

	/** Id of the context-window alert. */
	public static final String CONTEXT_WINDOW = "context-window";

	/** Name of the logger transitions go to. */
	public static final String LOGGER_NAME = "vigil.alerts";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private static final int RESOLVED_KEPT = 100;

	/** Context-window trips of an agent in the window below which the guard is doing its job, not under pressure. */
	static final int CONTEXT_WINDOW_MIN_TRIPS = 5;

	/** Share of an agent's runs in the window the context-window guard must act on before it is pressure. */
	static final double CONTEXT_WINDOW_MIN_SHARE = 0.10;

	/** A p99 below this is never a tail-latency problem, whatever its ratio to p50. */
	static final double TAIL_FLOOR_SECONDS = 0.1;

	private final AlertPolicy policy;

	private final Clock clock;

	private final StepWindows windows;

	private final MeterRegistry registry;

	private final InternalFailures failures;

	private final List<AlertListener> listeners;

	private final List<AlertRule> rules = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Map<String, Alert> firing = new ConcurrentHashMap<>();

	/** Since when each subject's tail-latency condition has held, while it has not yet held for a whole window. */
	private final Map<String, Long> tailSince = new HashMap<>();

	/** The subjects whose tail-latency condition holds in this evaluation. */
	private final Set<String> tailHolding = new HashSet<>();

	private final Deque<Alert> resolved = new ArrayDeque<>();

	private final Map<String, Boolean> gauges = new ConcurrentHashMap<>();

	private final ObjectMapper json = new ObjectMapper();

	private @Nullable ScheduledExecutorService scheduler;

	private volatile @Nullable String triagePath;

	/**
	 * Returns a Vigil's alert evaluator, with the active and recently resolved alerts.
	 * @param vigil the Vigil
	 * @return the evaluator
	 * @throws IllegalStateException when the Vigil has none
	 */
	public static AlertEvaluator of(Capabilities vigil) {
		return vigil.capability(AlertEvaluator.class)
			.orElseThrow(() -> new IllegalStateException("this Vigil has no alert evaluator"));
	}

	/**
	 * Creates the evaluator; it loads the baseline file if one is configured and exists.
	 * @param policy the rules
	 * @param clock the clock
	 * @param registry where alert metrics go
	 * @param failures where internal failures go
	 * @param listeners told of every transition
	 */
	public AlertEvaluator(AlertPolicy policy, Clock clock, MeterRegistry registry, InternalFailures failures,
			List<AlertListener> listeners) {
		this.policy = policy;
		this.clock = clock;
		long shortest = Math.min(policy.window().toMillis(), policy.toolErrorWindow().toMillis());
		long longest = Math.max(policy.window().toMillis(), policy.toolErrorWindow().toMillis());
		long bucket = Math.max(1_000, Math.min(60_000, shortest / 15));
		this.windows = new StepWindows(clock, bucket, (int) (longest / bucket));
		this.registry = registry;
		this.failures = failures;
		this.listeners = List.copyOf(listeners);
		loadBaselines();
	}

	/**
	 * Returns where steps and signals are recorded.
	 * @return the windows
	 */
	public StepWindows windows() {
		return this.windows;
	}

	/**
	 * Starts evaluating every {@code evaluation-interval} on a daemon thread.
	 */
	public synchronized void start() {
		if (this.scheduler != null || !this.policy.enabled()) {
			return;
		}
		this.scheduler = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "vigil-alerts");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.policy.evaluationInterval().toMillis();
		this.scheduler.scheduleWithFixedDelay(this::evaluateSafely, interval, interval, TimeUnit.MILLISECONDS);
	}

	/**
	 * Stops evaluating and saves the baselines.
	 */
	@Override
	public synchronized void close() {
		if (this.scheduler != null) {
			this.scheduler.shutdownNow();
			this.scheduler = null;
		}
		saveBaselines();
	}

	/**
	 * Returns the firing alerts.
	 * @return the alerts, most severe first
	 */
	public List<Alert> active() {
		List<Alert> active = new ArrayList<>(this.firing.values());
		active.sort((a, b) -> (a.severity().equals(b.severity())) ? a.since().compareTo(b.since())
				: (Alert.CRITICAL.equals(a.severity()) ? -1 : 1));
		return active;
	}

	/**
	 * Returns the recently resolved alerts.
	 * @return the alerts, newest first
	 */
	public synchronized List<Alert> recentlyResolved() {
		return new ArrayList<>(this.resolved);
	}

	private void evaluateSafely() {
		try {
			evaluate();
		}
		catch (RuntimeException ex) {
			this.failures.record("alert-evaluator", ex);
		}
	}

	/**
	 * Evaluates every rule now.
	 */
	public synchronized void evaluate() {
		long now = this.clock.millis();
		long nowHour = now / 3_600_000;
		long windowMillis = this.policy.window().toMillis();
		String windowText = describe(this.policy.window());
		Map<String, AlertCondition> conditions = new LinkedHashMap<>();
		this.tailHolding.clear();
		String toolWindowText = describe(this.policy.toolErrorWindow());
		this.windows.toolWindows(now, this.policy.toolErrorWindow().toMillis()).forEach((tool, window) -> {
			double rate = (double) window.errors() / window.calls();
			if (window.calls() >= this.policy.toolErrorMinCalls() && rate >= this.policy.toolErrorThreshold()) {
				String severity = (rate >= this.policy.toolErrorCriticalThreshold()) ? Alert.CRITICAL : Alert.WARNING;
				conditions.put(key(TOOL_ERROR_RATE, tool), new AlertCondition(TOOL_ERROR_RATE, tool, severity,
						toolFacts(tool, facts("rate", round(rate), "errors", window.errors(), "calls", window.calls(),
								"window", this.policy.toolErrorWindow().toString())),
						String.format(Locale.ROOT, "Tool %s failed %.1f%% of %d calls in the last %s", tool,
								rate * 100, window.calls(), toolWindowText)));
			}
		});
		this.windows.latencyWindows(now, windowMillis).forEach((subject, window) -> {
			double[] baseline = this.windows.baseline(subject, nowHour);
			double historyHours = baseline[1];
			if (!Double.isNaN(baseline[0]) && historyHours * 3600 >= this.policy.latencyMinBaseline().toSeconds()
					&& window.p95() > this.policy.latencyMultiplier() * baseline[0]) {
				conditions.put(key(LATENCY_BASELINE, subject), new AlertCondition(LATENCY_BASELINE, subject,
						Alert.WARNING,
						facts("p95Seconds", round(window.p95()), "baselineSeconds", round(baseline[0]), "multiplier",
								this.policy.latencyMultiplier(), "baselineHours", (long) historyHours, "samples",
								window.calls(), "window", this.policy.window().toString()),
						String.format(Locale.ROOT, "p95 latency of %s is %.3f s, over %.1fx its weekly baseline of %.3f s",
								subject, window.p95(), this.policy.latencyMultiplier(), baseline[0])));
			}
			if (window.calls() >= this.policy.tailMinSamples() && window.p99() >= TAIL_FLOOR_SECONDS
					&& window.p99() >= this.policy.tailRatio() * window.p50() && heldForAWindow(subject, now)) {
				conditions.put(key(TAIL_LATENCY, subject), new AlertCondition(TAIL_LATENCY, subject, Alert.WARNING,
						facts("p50Seconds", round(window.p50()), "p99Seconds", round(window.p99()), "samples",
								window.calls(), "window", this.policy.window().toString()),
						String.format(Locale.ROOT, "p99 latency of %s is %.3f s, %.0fx its p50 of %.3f s", subject,
								window.p99(), window.p99() / window.p50(), window.p50())));
			}
		});
		Map<String, StepWindows.Window> runs = this.windows.runWindows(now, windowMillis);
		this.windows.signalWindows(now, windowMillis).forEach((key, window) -> {
			int bar = key.indexOf('|');
			String alert = key.substring(0, bar);
			String subject = key.substring(bar + 1);
			if (CONTEXT_WINDOW.equals(alert) && !underPressure(window.calls(), runs.get(subject))) {
				return;
			}
			conditions.put(key, new AlertCondition(alert, subject, Alert.WARNING,
					facts("count", window.calls(), "window", this.policy.window().toString()),
					String.format(Locale.ROOT, "%s: %d %s in the last %s", subject, window.calls(),
							describe(alert), windowText)));
		});
		this.tailSince.keySet().retainAll(this.tailHolding);
		for (AlertRule rule : this.rules) {
			try {
				for (AlertCondition condition : rule.holding(Instant.ofEpochMilli(now))) {
					conditions.put(key(condition.alert(), condition.subject()), condition);
				}
			}
			catch (RuntimeException ex) {
				this.failures.record("alert-rule", ex);
			}
		}
		apply(conditions, Instant.ofEpochMilli(now));
		if (this.windows.takeBaselinesChanged()) {
			saveBaselines();
		}
	}

	/**
	 * Whether an agent's context-window trips are pressure: at least a few, on at least a tenth of its runs. A
	 * summary now and then is the guard doing its job.
	 */
	private static boolean underPressure(long trips, StepWindows.@Nullable Window runs) {
		if (trips < CONTEXT_WINDOW_MIN_TRIPS) {
			return false;
		}
		return runs == null || trips >= CONTEXT_WINDOW_MIN_SHARE * runs.calls();
	}

	/**
	 * Whether a subject's tail-latency condition, true now, has held in every evaluation for longer than a whole
	 * window (and a bucket): a burst of slow first calls after a start leaves the window before that, a real tail
	 * does not.
	 */
	private boolean heldForAWindow(String subject, long now) {
		this.tailHolding.add(subject);
		if (this.firing.containsKey(key(TAIL_LATENCY, subject))) {
			return true;
		}
		long since = this.tailSince.computeIfAbsent(subject, (key) -> now);
		return now - since > this.policy.window().toMillis() + this.windows.bucketMillis();
	}

	private void apply(Map<String, AlertCondition> conditions, Instant now) {
		conditions.forEach((key, condition) -> {
			Alert current = this.firing.get(key);
			if (current == null || !current.severity().equals(condition.severity())) {
				boolean escalated = current == null || Alert.CRITICAL.equals(condition.severity());
				String peak = (current == null || Alert.CRITICAL.equals(condition.severity())) ? condition.severity()
						: current.peakSeverity();
				Alert alert = new Alert(condition.alert(), condition.subject(), condition.severity(), peak,
						Alert.FIRING, (current != null) ? current.since() : now, null, condition.facts(),
						condition.summary());
				this.firing.put(key, alert);
				gauge(alert.alert(), alert.subject(), alert.severity());
				if (current != null) {
					gauge(current.alert(), current.subject(), current.severity());
				}
				if (escalated) {
					Counter.builder(MeterNames.ALERTS_FIRED)
						.description("Alert transitions to firing, or to a higher severity")
						.tag(TagKeys.ALERT, alert.alert())
						.tag(TagKeys.SEVERITY, alert.severity())
						.register(this.registry)
						.increment();
					logger.warn("Vigil alert {} firing ({}): {} {}", alert.alert(), alert.severity(), alert.summary(),
							alert.facts());
				}
				else {
					logger.info("Vigil alert {} eased to {}: {} {}", alert.alert(), alert.severity(), alert.summary(),
							alert.facts());
				}
				publish(alert);
			}
			else {
				this.firing.put(key, new Alert(current.alert(), current.subject(), current.severity(),
						current.peakSeverity(), Alert.FIRING, current.since(), null, condition.facts(),
						condition.summary()));
			}
		});
		for (String key : new ArrayList<>(this.firing.keySet())) {
			if (!conditions.containsKey(key)) {
				Alert current = this.firing.remove(key);
				Alert alert = new Alert(current.alert(), current.subject(), current.severity(),
						current.peakSeverity(), Alert.RESOLVED, current.since(), now, current.facts(),
						current.summary());
				this.resolved.addFirst(alert);
				while (this.resolved.size() > RESOLVED_KEPT) {
					this.resolved.removeLast();
				}
				logger.info("Vigil alert {} resolved: {} (firing since {})", alert.alert(), alert.subject(),
						alert.since());
				publish(alert);
			}
		}
	}

	private void publish(Alert alert) {
		for (AlertListener listener : this.listeners) {
			try {
				listener.onTransition(alert);
			}
			catch (RuntimeException ex) {
				this.failures.record("alert-listener", ex);
			}
		}
	}

	private void gauge(String alert, String subject, String severity) {
		String key = alert + "|" + subject + "|" + severity;
		if (this.gauges.putIfAbsent(key, Boolean.TRUE) == null) {
			Gauge.builder(MeterNames.ALERTS_ACTIVE, this, (evaluator) -> evaluator.isFiring(alert, subject, severity))
				.description("1 while the alert is firing for the subject at this severity, else 0")
				.tag(TagKeys.ALERT, alert)
				.tag(TagKeys.SUBJECT, subject)
				.tag(TagKeys.SEVERITY, severity)
				.register(this.registry);
		}
	}

	private double isFiring(String alert, String subject, String severity) {
		Alert current = this.firing.get(key(alert, subject));
		return (current != null && current.severity().equals(severity)) ? 1 : 0;
	}

	private void loadBaselines() {
		Path file = this.policy.baselineFile();
		if (file == null || !Files.exists(file)) {
			return;
		}
		try {
			Map<String, List<double[]>> saved = this.json.readValue(file.toFile(),
					new TypeReference<Map<String, List<double[]>>>() {
					});
			this.windows.restoreHourlyBaselines(saved);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not read the alert baseline file {}; starting without history: {}", file,
					ex.getMessage());
		}
	}

	private void saveBaselines() {
		Path file = this.policy.baselineFile();
		if (file == null) {
			return;
		}
		try {
			Path directory = file.toAbsolutePath().getParent();
			if (directory != null) {
				Files.createDirectories(directory);
			}
			Path temporary = Files.createTempFile((directory != null) ? directory : Path.of("."), "baselines", ".tmp");
			this.json.writeValue(temporary.toFile(), this.windows.hourlyBaselines());
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException | RuntimeException ex) {
			this.failures.record("alert-baseline-file", ex);
		}
	}

	/**
	 * Adds a rule to check at each evaluation, alongside the evaluator's own.
	 * @param rule the rule
	 */
	public void rule(AlertRule rule) {
		this.rules.add(java.util.Objects.requireNonNull(rule, "rule must not be null"));
	}

	/**
	 * Sets where a tool's triage summary is, so that each {@value #TOOL_ERROR_RATE} alert carries it as the fact
	 * {@code triagePath}.
	 * @param template the path, with {@code {tool}} where the tool's name goes; {@code null} for none
	 */
	public void triagePath(@Nullable String template) {
		this.triagePath = template;
	}

	private Map<String, Object> toolFacts(String tool, Map<String, Object> facts) {
		String template = this.triagePath;
		if (template != null) {
			facts.put("triagePath", template.replace("{tool}", URLEncoder.encode(tool, StandardCharsets.UTF_8)));
		}
		return facts;
	}

	private static String key(String alert, String subject) {
		return alert + "|" + subject;
	}

	private static Map<String, Object> facts(Object... keysAndValues) {
		Map<String, Object> facts = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			facts.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return facts;
	}

	private static double round(double value) {
		return Math.round(value * 10_000) / 10_000.0;
	}

	/**
	 * Writes a window as the alerts' summaries do: {@code 15 minutes}, {@code 20 seconds}.
	 * @param window the window
	 * @return the text
	 */
	public static String describe(java.time.Duration window) {
		long seconds = window.toSeconds();
		return (seconds % 60 == 0) ? (seconds / 60) + " minutes" : seconds + " seconds";
	}

	private static String describe(String alert) {
		return switch (alert) {
			case LOOP -> "loop kill(s)";
			case RUN_TOKENS_BASELINE -> "run(s) over the p95 token baseline";
			case CONTEXT_WINDOW -> "context-window trip(s)";
			default -> "signal(s)";
		};
	}

}
