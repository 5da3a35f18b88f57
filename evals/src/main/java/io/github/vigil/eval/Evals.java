package io.github.vigil.eval;

import java.io.Writer;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import io.github.vigil.run.Capabilities;
import io.github.vigil.store.Feedback;
import io.github.vigil.store.RunQuery;
import io.github.vigil.store.RunScore;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.ScoreDay;
import io.github.vigil.store.StoredRun;
import io.github.vigil.store.TriageException;
import org.jspecify.annotations.Nullable;

/**
 * Evals over the run store: the business's ground truth attached as feedback, the weekly resolution trend, and
 * datasets of stored runs for offline evals.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Evals {

	/** Weeks the trend shows at most. */
	public static final int MAX_WEEKS = 104;

	/** How long feedback waits for a run that has just ended to reach the store. */
	static final Duration FEEDBACK_WAIT = Duration.ofSeconds(2);

	/** Days a dataset reaches back at most. */
	public static final int MAX_DAYS = 366;

	private final RunStore store;

	private final @Nullable OnlineScoring online;

	private final Clock clock;

	private final Predicate<Duration> flush;

	/**
	 * Returns a Vigil's evals over its run store: feedback, the weekly resolution trend, datasets.
	 * @param vigil the Vigil
	 * @return evals
	 * @throws IllegalStateException when the run store is off
	 */
	public static Evals of(Capabilities vigil) {
		return vigil.capability(Evals.class)
			.orElseThrow(() -> new IllegalStateException("the run store is off (vigil.store.enabled=false), so "
					+ "there are no stored runs to attach feedback to or to make datasets of"));
	}

	/**
	 * Creates evals over a store.
	 * @param store the run store
	 * @param online online scoring, which scores a run again when feedback arrives; {@code null} when off
	 * @param clock the clock
	 * @param flush writes the runs still queued for the store, waiting at most the given time
	 */
	public Evals(RunStore store, @Nullable OnlineScoring online, Clock clock, Predicate<Duration> flush) {
		this.store = store;
		this.online = online;
		this.clock = clock;
		this.flush = flush;
	}

	/**
	 * Attaches the business's resolution outcome to a stored run and scores it again with the scorers that use
	 * ground truth. Idempotent: the same feedback again changes nothing but its time; different feedback replaces
	 * it. Accepted for as long as the run is stored.
	 * @param runId the run
	 * @param resolved whether the issue was resolved without a human
	 * @param source where the outcome came from, {@code null} when not told
	 * @return the feedback kept
	 * @throws TriageException {@code NOT_FOUND} when the run is not stored, {@code INVALID} for a malformed source
	 */
	public Feedback feedback(String runId, boolean resolved, @Nullable String source) {
		if (runId == null || runId.isBlank()) {
			throw new TriageException(TriageException.Reason.INVALID, "a run id is required");
		}
		if (source != null && source.length() > Feedback.MAX_SOURCE) {
			throw new TriageException(TriageException.Reason.INVALID,
					"source must be at most " + Feedback.MAX_SOURCE + " characters");
		}
		Feedback feedback = new Feedback(resolved, source, this.clock.instant());
		// a run that ended a moment ago may still be on its way to the store: wait for it, briefly
		long deadline = System.nanoTime() + FEEDBACK_WAIT.toNanos();
		boolean settled = false;
		while (!this.store.feedback(runId, feedback)) {
			if (settled || System.nanoTime() > deadline) {
				throw new TriageException(TriageException.Reason.NOT_FOUND, "no stored run " + runId
						+ " (runs are kept for the store's retention; a sampled-out run is not stored)");
			}
			// once nothing is queued, one more look settles it
			settled = this.flush.test(Duration.ofMillis(50));
		}
		if (this.online != null) {
			StoredRun run = this.store.run(runId).orElse(null);
			if (run != null) {
				this.online.rescore(run, feedback);
			}
		}
		return feedback;
	}

	/**
	 * Returns the business's outcome attached to a run.
	 * @param runId the run
	 * @return the feedback, {@code null} when there is none or the run is not stored
	 */
	public @Nullable Feedback feedbackOf(String runId) {
		StoredRun run = this.store.run(runId).orElse(null);
		if (run == null) {
			return null;
		}
		return this.store.feedback(run.startedAt(), run.startedAt().plusMillis(1)).get(runId);
	}

	/**
	 * Returns a run's scores.
	 * @param runId the run
	 * @return the scores
	 */
	public List<RunScore> scores(String runId) {
		return this.store.scores(runId);
	}

	/**
	 * Returns the weekly resolution trend per agent: each week's runs, scored runs and mean resolution score.
	 * @param weeks how many weeks, this one included
	 * @return the weeks, by agent then oldest first; weeks without runs are left out
	 * @throws TriageException {@code INVALID} when weeks is out of range
	 */
	public List<EvalWeek> weeks(int weeks) {
		if (weeks < 1 || weeks > MAX_WEEKS) {
			throw new TriageException(TriageException.Reason.INVALID,
					"weeks must be between 1 and " + MAX_WEEKS + ", was " + weeks);
		}
		Instant now = this.clock.instant();
		LocalDate monday = LocalDate.ofInstant(now, ZoneOffset.UTC)
			.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
			.minusWeeks(weeks - 1L);
		Instant from = monday.atStartOfDay(ZoneOffset.UTC).toInstant();
		Map<WeekKey, double[]> tallies = new TreeMap<>(
				Comparator.comparing(WeekKey::agent).thenComparing(WeekKey::week));
		for (ScoreDay day : this.store.scoreDays(ResolutionScorer.NAME, from, now.plusMillis(1))) {
			LocalDate week = day.day().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
			double[] tally = tallies.computeIfAbsent(new WeekKey(day.agent(), week), (key) -> new double[3]);
			tally[0] += day.runs();
			tally[1] += day.scored();
			tally[2] += day.sum();
		}
		List<EvalWeek> trend = new ArrayList<>(tallies.size());
		tallies.forEach((key, tally) -> trend.add(new EvalWeek(key.agent(), key.week(), (long) tally[0],
				(long) tally[1], (tally[1] > 0) ? Math.round(tally[2] / tally[1] * 10_000) / 10_000.0 : null)));
		return trend;
	}

	private record WeekKey(String agent, LocalDate week) {
	}

	/**
	 * Reads a dataset of the stored runs of the last days.
	 * @param days how many days back
	 * @param agent only this agent's runs, {@code null} for all
	 * @param outcome only runs with this outcome, {@code null} for all
	 * @param groundTruthOnly whether only runs with feedback are taken
	 * @param limit at most this many runs, the newest
	 * @return the dataset
	 * @throws TriageException {@code INVALID} when days or limit is out of range
	 */
	public EvalDataset dataset(int days, @Nullable String agent, @Nullable String outcome, boolean groundTruthOnly,
			int limit) {
		if (days < 1 || days > MAX_DAYS) {
			throw new TriageException(TriageException.Reason.INVALID,
					"days must be between 1 and " + MAX_DAYS + ", was " + days);
		}
		if (limit < 1 || limit > RunQuery.MAX_LIMIT) {
			throw new TriageException(TriageException.Reason.INVALID,
					"limit must be between 1 and " + RunQuery.MAX_LIMIT + ", was " + limit);
		}
		if (outcome != null && !List.of("completed", "error", "killed").contains(outcome)) {
			throw new TriageException(TriageException.Reason.INVALID,
					"outcome must be completed, error or killed, was " + outcome);
		}
		Instant now = this.clock.instant();
		this.flush.test(Duration.ofSeconds(2));
		return EvalDataset.fromStore(this.store,
				new RunQuery(now.minus(Duration.ofDays(days)), now.plusMillis(1), agent, outcome, limit),
				groundTruthOnly);
	}

	/**
	 * Writes a dataset of the stored runs of the last days as JSONL.
	 * @param days how many days back
	 * @param out where the lines go
	 * @return the number of lines written
	 */
	public int exportJsonl(int days, Writer out) {
		EvalDataset dataset = dataset(days, null, null, false, RunQuery.MAX_LIMIT);
		dataset.writeJsonl(out);
		return dataset.size();
	}

}
