package io.github.vigil.eval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.vigil.Vigil;
import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.observation.VigilMeterObservationHandler;
import io.github.vigil.run.RunRecord;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.MemoryRunStore;
import io.github.vigil.store.RunScore;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.TriageException;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every production run scored off the user's thread: the scores in the metrics, on the run's trace and in the run
 * store; the business's ground truth attached later; the resolution rate and its week-over-week alert.
 */
class OnlineScoringTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<Vigil> vigils = new ArrayList<>();

	private final SupportDesk desk = new SupportDesk();

	@AfterEach
	void close() {
		this.vigils.forEach(Vigil::close);
	}

	private Vigil vigil(Vigil.Builder builder) {
		Vigil vigil = builder.build();
		this.vigils.add(vigil);
		return vigil;
	}

	private static void settle(Vigil vigil) {
		assertThat(vigil.flushRuns(Duration.ofSeconds(5))).isTrue();
		assertThat(vigil.flushScores(Duration.ofSeconds(5))).isTrue();
	}

	@Test
	void everyRunIsScoredOffTheUsersThreadWithTheDefaultScorers() {
		List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
		Scorer threadOf = new NamedScorer("thread", (run) -> {
			threads.add(Thread.currentThread().getName());
			return new Score(1, null, null);
		});
		Vigil vigil = vigil(Vigil.builder(this.registry).scorer(threadOf));
		Assistant agent = this.desk.agent(vigil);

		String resolved = agent.chat("lookupOrder ORD-1");
		String escalated = agent.chat("escalateToHuman ORD-2");
		settle(vigil);

		assertThat(resolved).contains("shipped");
		assertThat(escalated).contains("T-ORD-2");
		assertThat(threads).hasSize(2).allSatisfy((name) -> assertThat(name).startsWith("vigil-evals-"));
		DistributionSummary resolution = this.registry.get(MeterNames.EVAL_SCORE)
			.tags("scorer", "resolution", "gen_ai.agent.name", "Assistant")
			.summary();
		assertThat(resolution.count()).isEqualTo(2);
		assertThat(resolution.totalAmount()).isEqualTo(1.0);
		assertThat(this.registry.get(MeterNames.EVAL_SCORE).tag("scorer", "tool-success").summary().totalAmount())
			.isEqualTo(2.0);
		assertThat(this.registry.get(MeterNames.EVAL_SCORE).tag("scorer", "grounded").summary().count()).isEqualTo(2);
		assertThat(this.registry.get(MeterNames.EVAL_SCORE).tag("scorer", "not-killed").summary().count())
			.isEqualTo(2);
		assertThat(this.registry.get(MeterNames.EVAL_RESOLUTION_RATE).tag("gen_ai.agent.name", "Assistant").gauge()
			.value()).isEqualTo(0.5);
		assertThat(this.registry.get(MeterNames.EVAL_RESOLUTION_SCORED).gauge().value()).isEqualTo(2);
	}

	@Test
	void scoresGoToTheRunStoreWithLabelsAndExplanations() {
		CapturedRuns runs = new CapturedRuns();
		Vigil vigil = vigil(Vigil.builder(this.registry).sink(runs));

		this.desk.agent(vigil).chat("escalateToHuman ORD-2");
		settle(vigil);

		List<RunScore> scores = Evals.of(vigil).scores(runs.single().runId());
		assertThat(scores).extracting(RunScore::scorer)
			.containsExactlyInAnyOrder("resolution", "tool-success", "grounded", "not-killed");
		assertThat(scores).filteredOn((score) -> score.scorer().equals("resolution")).singleElement().satisfies((score) -> {
			assertThat(score.value()).isZero();
			assertThat(score.label()).isEqualTo("escalated");
			assertThat(score.explanation()).isEqualTo("escalated: tool escalateToHuman");
			assertThat(score.agent()).isEqualTo("Assistant");
		});
	}

	@Test
	void eachScoreIsTracedAsAnEvaluationUnderTheRunsSpan() {
		ObservationRegistry observations = ObservationRegistry.create();
		List<Observation.Context> stopped = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<String> events = new java.util.concurrent.CopyOnWriteArrayList<>();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onEvent(Observation.Event event, Observation.Context context) {
				events.add(context.getContextualName() + ": " + event.getName());
			}

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

		});
		Vigil vigil = vigil(Vigil.builder(this.registry).observationRegistry(observations));

		this.desk.agent(vigil).chat("escalateToHuman ORD-2");
		settle(vigil);

		List<Observation.Context> evaluations = stopped.stream()
			.filter(EvaluationObservationContext.class::isInstance)
			.toList();
		assertThat(evaluations).hasSize(4);
		Observation.Context resolution = evaluations.stream()
			.filter((context) -> ((EvaluationObservationContext) context).scorer().equals("resolution"))
			.findFirst()
			.orElseThrow();
		assertThat(resolution.getName()).isEqualTo("gen_ai.evaluation");
		assertThat(resolution.getContextualName()).isEqualTo("evaluate resolution");
		assertThat(resolution.getParentObservation().getContextView().getName()).isEqualTo("gen_ai.invoke_agent");
		assertThat(resolution.getLowCardinalityKeyValue("gen_ai.evaluation.name").getValue()).isEqualTo("resolution");
		assertThat(resolution.getHighCardinalityKeyValue("gen_ai.evaluation.score.value").getValue()).isEqualTo("0.0");
		assertThat(resolution.getHighCardinalityKeyValue("gen_ai.evaluation.score.label").getValue())
			.isEqualTo("escalated");
		assertThat(resolution.getHighCardinalityKeyValue("gen_ai.evaluation.explanation").getValue())
			.isEqualTo("escalated: tool escalateToHuman");
		assertThat(new VigilMeterObservationHandler().supportsContext(resolution)).isTrue();
		assertThat(events).contains("evaluate resolution: gen_ai.evaluation.result",
				"evaluate tool-success: gen_ai.evaluation.result");
	}

	@Test
	void aScorerThatThrowsIsCountedAndSkippedAndNothingElseChanges() {
		Scorer broken = new NamedScorer("broken", (run) -> {
			throw new IllegalStateException("scorer bug");
		});
		Vigil vigil = vigil(Vigil.builder(this.registry).scorers(List.of(broken, Scorer.resolution())));

		String answer = this.desk.agent(vigil).chat("lookupOrder ORD-1");
		settle(vigil);

		assertThat(answer).contains("shipped");
		assertThat(this.registry.get("vigil.eval.scorer.failures").tag("scorer", "broken").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get(MeterNames.EVAL_SCORE).tag("scorer", "resolution").summary().count())
			.isEqualTo(1);
		assertThat(this.registry.find(MeterNames.EVAL_SCORE).tag("scorer", "broken").summary()).isNull();
	}

	@Test
	void aFullQueueDropsRunsAndCountsThemAndTheUserIsNeverMadeToWait() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch scoring = new CountDownLatch(1);
		Scorer slow = new NamedScorer("slow", (run) -> {
			scoring.countDown();
			release.await(10, TimeUnit.SECONDS);
			return new Score(1, null, null);
		});
		Vigil vigil = vigil(Vigil.builder(this.registry)
			.scorers(List.of(slow))
			.evalPolicy(new EvalPolicy(true, 1.0, Set.of(), Set.of(), 1, 1, 5, 50)));
		Assistant agent = this.desk.agent(vigil);

		agent.chat("none 0");
		// the scoring thread has taken the first run: the queue of one then holds one, and drops the rest
		assertThat(scoring.await(10, TimeUnit.SECONDS)).isTrue();
		for (int i = 1; i < 5; i++) {
			agent.chat("none " + i);
		}
		// every call returned while the scorer still held its first run: none waited for it
		assertThat(this.registry.find(MeterNames.EVAL_SCORE).summary()).isNull();
		release.countDown();
		settle(vigil);

		// one run is being scored, one waits, three are dropped; the five calls never waited for the scorer
		assertThat(this.registry.get("vigil.eval.dropped").tag("reason", "queue_full").counter().count())
			.isEqualTo(3);
		assertThat(this.registry.get(MeterNames.EVAL_SCORE).summary().count()).isEqualTo(2);
	}

	@Test
	void filtersAndSamplingChooseWhichRunsAreScored() {
		Vigil byOutcome = vigil(Vigil.builder(this.registry)
			.evalPolicy(new EvalPolicy(true, 1.0, Set.of(), Set.of("error"), 100, 1, 5, 50)));
		this.desk.agent(byOutcome).chat("lookupOrder ORD-1");
		settle(byOutcome);
		SimpleMeterRegistry other = new SimpleMeterRegistry();
		Vigil sampledOut = vigil(Vigil.builder(other)
			.evalPolicy(new EvalPolicy(true, 0.0, Set.of("Assistant"), Set.of(), 100, 1, 5, 50)));
		this.desk.agent(sampledOut).chat("lookupOrder ORD-1");
		settle(sampledOut);
		SimpleMeterRegistry third = new SimpleMeterRegistry();
		Vigil byAgent = vigil(Vigil.builder(third)
			.evalPolicy(new EvalPolicy(true, 1.0, Set.of("Assistant"), Set.of(), 100, 1, 5, 50)));
		this.desk.agent(byAgent).chat("lookupOrder ORD-1");
		settle(byAgent);

		assertThat(this.registry.find(MeterNames.EVAL_SCORE).summaries()).isEmpty();
		assertThat(other.find(MeterNames.EVAL_SCORE).summaries()).isEmpty();
		assertThat(third.get(MeterNames.EVAL_SCORE).tag("scorer", "resolution").summary().count()).isEqualTo(1);
	}

	@Test
	void feedbackAttachesTheGroundTruthAndScoresTheRunAgainIdempotently() {
		CapturedRuns runs = new CapturedRuns();
		Vigil vigil = vigil(Vigil.builder(this.registry).sink(runs));
		this.desk.agent(vigil).chat("escalateToHuman ORD-2");
		settle(vigil);
		String runId = runs.single().runId();
		assertThat(OnlineScoring.of(vigil).orElseThrow().resolutionRate("Assistant")).isZero();

		// the handoff data says the escalation was needed: the run did the right thing
		Feedback feedback = Evals.of(vigil).feedback(runId, false, "handoff-export");
		Evals.of(vigil).feedback(runId, false, "handoff-export");

		assertThat(feedback.resolved()).isFalse();
		assertThat(feedback.source()).isEqualTo("handoff-export");
		RunScore resolution = Evals.of(vigil)
			.scores(runId)
			.stream()
			.filter((score) -> score.scorer().equals("resolution"))
			.findFirst()
			.orElseThrow();
		assertThat(resolution.value()).isEqualTo(1.0);
		assertThat(resolution.explanation()).contains("the issue needed a human");
		assertThat(OnlineScoring.of(vigil).orElseThrow().resolutionRate("Assistant")).isEqualTo(1.0);
		assertThat(this.registry.get(MeterNames.EVAL_RESOLUTION_SCORED).gauge().value()).isEqualTo(1);

		// the business changes its mind: the escalation was not needed
		Evals.of(vigil).feedback(runId, true, "handoff-export");
		assertThat(OnlineScoring.of(vigil).orElseThrow().resolutionRate("Assistant")).isZero();
	}

	@Test
	void feedbackForAnUnknownRunIsNotFound() {
		Vigil vigil = vigil(Vigil.builder(this.registry));

		assertThatThrownBy(() -> Evals.of(vigil).feedback("no-such-run", true, null)).isInstanceOf(TriageException.class)
			.hasMessageContaining("no stored run no-such-run")
			.extracting((ex) -> ((TriageException) ex).reason())
			.isEqualTo(TriageException.Reason.NOT_FOUND);
		assertThatThrownBy(() -> Evals.of(vigil).feedback("x", true, "s".repeat(201))).isInstanceOf(TriageException.class)
			.hasMessageContaining("at most 200");
	}

	@Test
	void withoutAStoreScoresStillReachTheMetricsButFeedbackIsRefused() {
		Vigil vigil = vigil(Vigil.builder(this.registry).storePolicy(io.github.vigil.store.StorePolicy.defaults().disabled()));

		this.desk.agent(vigil).chat("lookupOrder ORD-1");
		settle(vigil);

		assertThat(this.registry.get(MeterNames.EVAL_SCORE).tag("scorer", "resolution").summary().count())
			.isEqualTo(1);
		assertThatThrownBy(() -> Evals.of(vigil).feedback("x", true, null)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("the run store is off");
	}

	@Test
	void resolutionDropFiresWhenThisWeeksRateIsFivePointsBelowLastWeeks() {
		Instant now = Instant.parse("2026-11-30T12:00:00Z");
		MemoryRunStore store = twoWeeks(now, 60, 0.92, 60, 0.80);
		Vigil vigil = vigil(Vigil.builder(this.registry)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.runStore(store)
			.evalPolicy(EvalPolicy.defaults().withResolutionDrop(5, 50)));
		assertThat(vigil.flushScores(Duration.ofSeconds(5))).isTrue();

		AlertEvaluator.of(vigil).evaluate();

		assertThat(AlertEvaluator.of(vigil).active()).singleElement().satisfies((alert) -> {
			assertThat(alert.alert()).isEqualTo("resolution-drop");
			assertThat(alert.subject()).isEqualTo("SupportAgent");
			assertThat(alert.severity()).isEqualTo(Alert.WARNING);
			assertThat(alert.facts()).containsEntry("thisWeekRate", 0.8)
				.containsEntry("lastWeekRate", 0.9167)
				.containsEntry("thisWeekScored", 60L)
				.containsEntry("lastWeekScored", 60L)
				.containsEntry("dropPoints", 11.7);
			assertThat(alert.summary()).contains("SupportAgent").contains("11.7 points");
		});
		assertThat(this.registry.get(MeterNames.EVAL_RESOLUTION_RATE).tag("gen_ai.agent.name", "SupportAgent")
			.gauge().value()).isEqualTo(0.8);
	}

	@Test
	void resolutionDropStaysQuietForASmallDropOrTooFewScoredRuns() {
		Instant now = Instant.parse("2026-11-30T12:00:00Z");
		Vigil smallDrop = vigil(Vigil.builder(this.registry)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.runStore(twoWeeks(now, 100, 0.90, 100, 0.87)));
		Vigil fewRuns = vigil(Vigil.builder(new SimpleMeterRegistry())
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.runStore(twoWeeks(now, 60, 0.95, 20, 0.50)));
		smallDrop.flushScores(Duration.ofSeconds(5));
		fewRuns.flushScores(Duration.ofSeconds(5));

		AlertEvaluator.of(smallDrop).evaluate();
		AlertEvaluator.of(fewRuns).evaluate();

		assertThat(AlertEvaluator.of(smallDrop).active()).isEmpty();
		assertThat(AlertEvaluator.of(fewRuns).active()).isEmpty();
	}

	@Test
	void theWeeklyTrendShowsRunsScoredRunsAndTheResolutionRatePerWeek() {
		Instant now = Instant.parse("2026-11-30T12:00:00Z");
		Vigil vigil = vigil(Vigil.builder(this.registry)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.runStore(twoWeeks(now, 40, 0.90, 20, 0.75)));

		List<EvalWeek> weeks = Evals.of(vigil).weeks(3);

		// weeks start on Monday (UTC); 2026-11-30 is one, and this week has no runs yet
		assertThat(weeks).containsExactly(
				new EvalWeek("SupportAgent", java.time.LocalDate.parse("2026-11-16"), 40, 40, 0.9),
				new EvalWeek("SupportAgent", java.time.LocalDate.parse("2026-11-23"), 20, 20, 0.75));
		assertThatThrownBy(() -> Evals.of(vigil).weeks(0)).isInstanceOf(TriageException.class);
	}

	/**
	 * A store with two weeks of scored runs: {@code lastWeek} runs at rate {@code lastRate} in the 7 days before the
	 * last 7, {@code thisWeek} runs at {@code thisRate} in the last 7 days.
	 */
	static MemoryRunStore twoWeeks(Instant now, int lastWeek, double lastRate, int thisWeek, double thisRate) {
		MemoryRunStore store = new MemoryRunStore(10_000);
		List<StoredRun> runs = new ArrayList<>();
		List<RunScore> scores = new ArrayList<>();
		add(runs, scores, "last", now.minus(Duration.ofDays(13)).minusSeconds(3600), lastWeek, lastRate);
		add(runs, scores, "this", now.minus(Duration.ofDays(6)).minusSeconds(3600), thisWeek, thisRate);
		store.write(runs);
		store.writeScores(scores);
		return store;
	}

	private static void add(List<StoredRun> runs, List<RunScore> scores, String week, Instant from, int count,
			double rate) {
		long resolved = Math.round(count * rate);
		for (int i = 0; i < count; i++) {
			Instant at = from.plus(Duration.ofDays(5).multipliedBy(i).dividedBy(count));
			String id = week + "-" + i;
			runs.add(new StoredRun(id, null, "i", "SupportAgent", null, null, "u-" + i, null, at, at.plusSeconds(2),
					"completed", null, null, 10, 5, "help", "done", List.of(), List.of(), List.of(), null, null));
			boolean ok = i < resolved;
			scores.add(new RunScore(id, "resolution", ok ? 1 : 0, ok ? "resolved" : "escalated", null,
					"SupportAgent", at, at.plusSeconds(3)));
		}
	}

	/** A scorer from a lambda. */
	record NamedScorer(String name, ScoreFunction function) implements Scorer {

		@Override
		public @Nullable Score score(ScoredRun run) throws Exception {
			return this.function.apply(run);
		}

	}

	@FunctionalInterface
	interface ScoreFunction {

		@Nullable Score apply(ScoredRun run) throws Exception;

	}

}
