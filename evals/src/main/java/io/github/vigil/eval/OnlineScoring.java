package io.github.vigil.eval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Capabilities;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.Handoff;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.RunScore;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.StoredRun;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Online scoring, as one middleware: when a run ends, the user's thread hands its record to a bounded queue and
 * returns; background threads run every scorer on it and send each score to the metrics
 * ({@code vigil.eval.score}), to the run's trace (an {@code evaluate {scorer}} span under the run's, with a
 * {@code gen_ai.evaluation.result} event), to the run store, and to the resolution rate per agent. A full queue
 * drops the run, counted in {@code vigil.eval.dropped}; it is never waited for.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class OnlineScoring implements RunMiddleware, AutoCloseable {

	/** Id of the alert on a week-over-week drop of the resolution rate. */
	public static final String RESOLUTION_DROP = "resolution-drop";

	/** Name of the logger scoring problems go to. */
	public static final String LOGGER_NAME = "vigil.evals";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/** Runs waiting that wake the scoring threads before their next look. */
	private static final int WAKE_AT = 256;

	/** Runs a scoring thread takes at a time. */
	private static final int TAKE = 32;

	/** How often the scoring threads look for runs when fewer than a batch wait. */
	private static final long LOOK_EVERY_MILLIS = 200;

	private final List<Scorer> scorers;

	private final EvalPolicy policy;

	private final @Nullable RunStore store;

	private final MeterRegistry registry;

	private final ObservationRegistry observations;

	private final ContentRedactor redactor;

	private final Clock clock;

	private final ResolutionWindow resolution;

	/** Finished runs waiting to be scored: the scoring threads are woken by a batch, else look every interval. */
	private final Handoff<Job> queue;

	private final List<Thread> workers = new ArrayList<>();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closing;

	private final boolean seed;

	private final AtomicLong pending = new AtomicLong();

	private final Map<String, DistributionSummary> summaries = new ConcurrentHashMap<>();

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	/** Meters are registered with the first run, so that an application without runs has none. */
	private volatile boolean metered;

	/**
	 * Returns a Vigil's online scoring.
	 * @param vigil the Vigil
	 * @return online scoring, empty when it is off
	 */
	public static Optional<OnlineScoring> of(Capabilities vigil) {
		return vigil.capability(OnlineScoring.class);
	}

	/**
	 * Creates online scoring and starts its threads; with a store, the resolution rates of the last two weeks are
	 * read from it in the background.
	 * @param scorers the scorers, each run through every one
	 * @param policy which runs, and the resolution-drop thresholds
	 * @param store where scores go, {@code null} for none
	 * @param registry where the meters go
	 * @param observations where the evaluation spans go
	 * @param redactor the content policy for explanations on spans
	 * @param clock the clock scores are dated by
	 */
	public OnlineScoring(List<Scorer> scorers, EvalPolicy policy, @Nullable RunStore store, MeterRegistry registry,
			ObservationRegistry observations, ContentRedactor redactor, Clock clock) {
		this.scorers = List.copyOf(scorers);
		this.policy = Objects.requireNonNull(policy, "policy must not be null");
		this.store = store;
		this.registry = registry;
		this.observations = observations;
		this.redactor = redactor;
		this.clock = clock;
		this.resolution = new ResolutionWindow(clock, registry);
		this.queue = new Handoff<>(policy.queueCapacity(), WAKE_AT, LOOK_EVERY_MILLIS);
		this.seed = store != null
				&& this.scorers.stream().anyMatch((scorer) -> ResolutionScorer.NAME.equals(scorer.name()));
		if (this.seed) {
			// the resolution rate starts from what the store already scored, not from zero; a flush waits for it
			this.pending.incrementAndGet();
			startOnce();
		}
	}

	/**
	 * Returns the scorers.
	 * @return the scorers
	 */
	public List<Scorer> scorers() {
		return this.scorers;
	}

	/**
	 * Returns the policy.
	 * @return the policy
	 */
	public EvalPolicy policy() {
		return this.policy;
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		if (!this.policy.enabled() || this.scorers.isEmpty() || !wanted(record)) {
			return;
		}
		if (!this.metered) {
			registerMeters();
		}
		Observation observation = run.observation();
		this.pending.incrementAndGet();
		if (this.closing) {
			dropped("closed");
			return;
		}
		startOnce();
		if (!this.queue.offer(new Job(record, observation))) {
			dropped("queue_full");
		}
	}

	private void startOnce() {
		if (this.started.get() || !this.started.compareAndSet(false, true)) {
			return;
		}
		for (int i = 1; i <= this.policy.threads(); i++) {
			Thread worker = new Thread((i == 1) ? this::seedThenScore : this::score, "vigil-evals-" + i);
			worker.setDaemon(true);
			this.workers.add(worker);
			worker.start();
		}
	}

	private void seedThenScore() {
		if (this.seed) {
			try {
				seedFromStore();
			}
			finally {
				this.pending.decrementAndGet();
			}
		}
		score();
	}

	/** A scoring thread: scores what waits, in batches, until closed and nothing waits. */
	private void score() {
		List<Job> jobs = new ArrayList<>(TAKE);
		while (true) {
			jobs.clear();
			if (this.queue.take(jobs, TAKE) == 0 && this.closing) {
				this.queue.leave();
				return;
			}
			jobs.forEach(Job::run);
		}
	}

	private boolean wanted(RunRecord record) {
		if (!this.policy.agents().isEmpty() && !this.policy.agents().contains(record.agent())) {
			return false;
		}
		if (!this.policy.outcomes().isEmpty() && !this.policy.outcomes().contains(record.outcome().value())) {
			return false;
		}
		double rate = this.policy.sampleRate();
		return rate >= 1.0 || ThreadLocalRandom.current().nextDouble() < rate;
	}

	private synchronized void registerMeters() {
		if (!this.metered) {
			Gauge.builder("vigil.eval.queue", this.pending, AtomicLong::get)
				.description("Finished runs waiting to be scored")
				.register(this.registry);
			// the counters exist at zero, so that a rate over them is 0 rather than absent
			dropCounter("queue_full");
			dropCounter("closed");
			for (Scorer scorer : this.scorers) {
				failureCounter(scorer.name());
			}
			if (this.store != null) {
				storeFailures();
			}
			this.metered = true;
		}
	}

	private void dropped(String reason) {
		this.pending.decrementAndGet();
		dropCounter(reason).increment();
	}

	private Counter dropCounter(String reason) {
		return Counter.builder("vigil.eval.dropped")
			.description("Finished runs not scored, never waited for")
			.tag("reason", reason)
			.register(this.registry);
	}

	/**
	 * Scores a run with every scorer now, on the calling thread: the scores, with each failing scorer counted and
	 * left out. Nothing is recorded.
	 * @param run the run
	 * @return each scorer's score, by scorer name in the scorers' order; scorers that do not apply are absent
	 */
	public Map<String, Score> score(ScoredRun run) {
		return Scoring.all(this.scorers, run, this::failed);
	}

	private Counter failureCounter(String scorer) {
		return Counter.builder("vigil.eval.scorer.failures")
			.description("Scorings that threw; the run and the other scorers are unaffected")
			.tag(TagKeys.SCORER, scorer)
			.register(this.registry);
	}

	private Counter storeFailures() {
		return Counter.builder("vigil.eval.store.failures")
			.description("Score batches the run store failed to take; the scores stay in the metrics and traces")
			.register(this.registry);
	}

	private void failed(String scorer, Throwable ex) {
		failureCounter(scorer).increment();
		if (this.warned.add(scorer)) {
			logger.warn("Vigil scorer {} failed; its score is skipped (counted in vigil.eval.scorer.failures, later "
					+ "failures at DEBUG): {}", scorer, String.valueOf(ex));
		}
		else {
			logger.debug("Vigil scorer {} failed", scorer, ex);
		}
	}

	private void process(RunRecord record, @Nullable Observation parent) {
		Map<String, Score> scores = score(new ScoredRun(record, null));
		Instant now = this.clock.instant();
		List<RunScore> stored = new ArrayList<>(scores.size());
		scores.forEach((scorer, score) -> {
			summary(scorer, record.agent()).record(score.value());
			if (ResolutionScorer.NAME.equals(scorer)) {
				this.resolution.record(record.agent(), record.timestamp(), score.value());
			}
			// redacted once, for the trace and the store alike
			String explanation = this.redactor.apply(score.explanation());
			if (parent != null && !parent.isNoop()) {
				trace(parent, record.agent(), scorer, score, explanation);
			}
			stored.add(new RunScore(record.runId(), scorer, score.value(), score.label(), explanation, record.agent(),
					record.timestamp(), now));
		});
		write(stored);
	}

	private void write(List<RunScore> scores) {
		if (this.store == null || scores.isEmpty()) {
			return;
		}
		try {
			this.store.writeScores(scores);
		}
		catch (RuntimeException ex) {
			storeFailures().increment();
			if (this.warned.add("store")) {
				logger.warn("The run store failed to take scores; they stay in the metrics and traces (later "
						+ "failures at DEBUG): {}", String.valueOf(ex));
			}
			else {
				logger.debug("The run store failed to take scores", ex);
			}
		}
	}

	private DistributionSummary summary(String scorer, String agent) {
		return this.summaries.computeIfAbsent(scorer + "|" + agent, (key) -> DistributionSummary
			.builder(MeterNames.EVAL_SCORE)
			.description("Scores given to finished runs, in [0, 1]")
			.tag(TagKeys.SCORER, scorer)
			.tag(TagKeys.AGENT_NAME, agent)
			.register(this.registry));
	}

	private void trace(Observation parent, String agent, String scorer, Score score, @Nullable String explanation) {
		Observation observation = Observation
			.createNotStarted("gen_ai.evaluation", () -> new EvaluationObservationContext(scorer, score),
					this.observations)
			.contextualName("evaluate " + scorer)
			.parentObservation(parent)
			.lowCardinalityKeyValue("gen_ai.evaluation.name", scorer)
			.lowCardinalityKeyValue(TagKeys.AGENT_NAME, agent)
			.highCardinalityKeyValue("gen_ai.evaluation.score.value", String.valueOf(score.value()));
		if (score.label() != null) {
			observation.highCardinalityKeyValue("gen_ai.evaluation.score.label", score.label());
		}
		if (explanation != null) {
			observation.highCardinalityKeyValue("gen_ai.evaluation.explanation", explanation);
		}
		observation.start();
		try {
			observation.event(Observation.Event.of("gen_ai.evaluation.result"));
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * Scores a stored run again with the scorers that use the ground truth, now that feedback has arrived, and
	 * stores the new scores; the resolution rate counts the new score in place of the old one.
	 * @param run the stored run
	 * @param feedback the ground truth
	 * @return the new scores
	 */
	public List<RunScore> rescore(StoredRun run, Feedback feedback) {
		ScoredRun scored = ScoredRun.of(run, feedback.resolved());
		Map<String, RunScore> before = new java.util.HashMap<>();
		if (this.store != null) {
			for (RunScore score : this.store.scores(run.runId())) {
				before.put(score.scorer(), score);
			}
		}
		Instant now = this.clock.instant();
		List<RunScore> scores = new ArrayList<>();
		for (Scorer scorer : this.scorers) {
			if (!scorer.usesGroundTruth()) {
				continue;
			}
			Score score = Scoring.one(scorer, scored, this::failed);
			if (score == null) {
				continue;
			}
			if (ResolutionScorer.NAME.equals(scorer.name())) {
				RunScore old = before.get(scorer.name());
				this.resolution.replace(run.agent(), run.startedAt(), (old != null) ? old.value() : null,
						score.value());
			}
			scores.add(new RunScore(run.runId(), scorer.name(), score.value(), score.label(),
					this.redactor.apply(score.explanation()), run.agent(), run.startedAt(), now));
		}
		write(scores);
		return scores;
	}

	/**
	 * Returns the agents whose resolution rate this week is at least the policy's points below last week's, with
	 * enough scored runs in both weeks.
	 * @return the drops
	 */
	public List<ResolutionDrop> resolutionDrops() {
		List<ResolutionDrop> drops = new ArrayList<>();
		for (String agent : this.resolution.agents()) {
			double[] now = this.resolution.week(agent, 0);
			double[] before = this.resolution.week(agent, 1);
			if (now[0] < this.policy.resolutionMinScored() || before[0] < this.policy.resolutionMinScored()) {
				continue;
			}
			ResolutionDrop drop = new ResolutionDrop(agent, now[1] / now[0], (long) now[0], before[1] / before[0],
					(long) before[0]);
			if (drop.points() >= this.policy.resolutionDropPoints() - 1e-9) {
				drops.add(drop);
			}
		}
		return drops;
	}

	/**
	 * Returns an agent's resolution rate over the last 7 days.
	 * @param agent the agent
	 * @return the mean resolution score, {@code NaN} when no run was scored
	 */
	public double resolutionRate(String agent) {
		return this.resolution.rate(agent);
	}

	private void seedFromStore() {
		RunStore source = this.store;
		if (source == null) {
			return;
		}
		try {
			Instant now = this.clock.instant();
			this.resolution.seed(source.scoreDays(ResolutionScorer.NAME, now.minus(Duration.ofDays(15)), now));
		}
		catch (RuntimeException ex) {
			logger.debug("Could not read the stored resolution scores; the rate starts from this instance's runs",
					ex);
		}
	}

	/**
	 * Waits until every run handed over so far is scored: for tests, eval commands and shutdown.
	 * @param timeout how long to wait at most
	 * @return whether all were scored in time
	 */
	public boolean flush(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.pending.get() > 0) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			this.queue.wake();
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return true;
	}

	/** Scores what is queued, for up to five seconds, then stops. */
	@Override
	public void close() {
		this.closing = true;
		this.queue.wake();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		try {
			for (Thread worker : this.workers) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left > 0) {
					worker.join(left);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int left = this.queue.clear();
		if (left > 0) {
			for (int i = 0; i < left; i++) {
				dropped("closed");
			}
			logger.warn("Vigil did not score {} runs before it closed", left);
		}
	}

	/** One finished run to score. */
	private final class Job implements Runnable {

		private final RunRecord record;

		private final @Nullable Observation observation;

		Job(RunRecord record, @Nullable Observation observation) {
			this.record = record;
			this.observation = observation;
		}

		@Override
		public void run() {
			try {
				process(this.record, this.observation);
			}
			catch (RuntimeException ex) {
				failed("_pipeline", ex);
			}
			finally {
				OnlineScoring.this.pending.decrementAndGet();
			}
		}

	}

}
