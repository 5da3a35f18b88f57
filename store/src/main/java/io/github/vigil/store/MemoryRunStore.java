package io.github.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.jspecify.annotations.Nullable;

/**
 * The embedded run store: the newest runs in memory, bounded by count, so that triage works in any application with
 * no set-up. Runs are lost when the application stops, and each instance of a fleet sees only its own; use
 * {@link io.github.vigil.store.jdbc.JdbcRunStore} for a store that lasts and that instances share.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class MemoryRunStore implements RunStore {

	private final int capacity;

	private final ReadWriteLock lock = new ReentrantReadWriteLock();

	/** Runs by id, oldest written first. */
	private final LinkedHashMap<String, StoredRun> runs = new LinkedHashMap<>();

	/** Scores by run id, then scorer; runs scored before they are written included, bounded like the runs. */
	private final LinkedHashMap<String, Map<String, RunScore>> scores = new LinkedHashMap<>();

	private final Map<String, Feedback> feedback = new HashMap<>();

	/**
	 * Creates a store that keeps at most {@code capacity} runs, dropping the oldest.
	 * @param capacity runs kept at most
	 */
	public MemoryRunStore(int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	@Override
	public void write(List<StoredRun> batch) {
		this.lock.writeLock().lock();
		try {
			for (StoredRun run : batch) {
				this.runs.putIfAbsent(run.runId(), run);
			}
			var oldest = this.runs.entrySet().iterator();
			while (this.runs.size() > this.capacity && oldest.hasNext()) {
				forget(oldest.next().getKey());
				oldest.remove();
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public Optional<StoredRun> run(String runId) {
		this.lock.readLock().lock();
		try {
			return Optional.ofNullable(this.runs.get(runId));
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public List<StoredRun> runsOfUser(String userId, int limit) {
		return newest(limit, userId);
	}

	@Override
	public List<StoredRun> recentRuns(int limit) {
		return newest(limit, null);
	}

	private List<StoredRun> newest(int limit, String userId) {
		List<StoredRun> found = new ArrayList<>();
		this.lock.readLock().lock();
		try {
			for (StoredRun run : this.runs.values()) {
				if (userId == null || userId.equals(run.userId())) {
					found.add(run.withoutSteps());
				}
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
		found.sort(Comparator.comparing(StoredRun::startedAt).reversed());
		return (found.size() > limit) ? List.copyOf(found.subList(0, limit)) : found;
	}

	@Override
	public List<ToolFailure> failures(FailureQuery query) {
		List<ToolFailure> found = new ArrayList<>();
		this.lock.readLock().lock();
		try {
			for (StoredRun run : this.runs.values()) {
				for (StoredStep step : run.steps()) {
					Instant at = startOf(run, step);
					if (query.matches(run, step, at)) {
						found.add(new ToolFailure(run.runId(), step.index(), at, run.userId(), run.agent(),
								step.name(), step.errorType(), step.errorMessage(), step.arguments()));
					}
				}
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
		found.sort(Comparator.comparing(ToolFailure::timestamp).reversed());
		return (found.size() > query.limit()) ? List.copyOf(found.subList(0, query.limit())) : found;
	}

	@Override
	public List<ToolCallCounts> toolCalls(String tool, Instant from, Instant until, Duration slice) {
		return stepCalls(StoredStep.TOOL, tool, from, until, slice);
	}

	@Override
	public List<ToolCallCounts> stepCalls(String kind, String tool, Instant from, Instant until, Duration slice) {
		return stepCalls(new StepQuery(kind, tool, null), from, until, slice);
	}

	@Override
	public List<ToolCallCounts> stepCalls(StepQuery steps, Instant from, Instant until, Duration slice) {
		long width = Math.max(1, slice.toMillis());
		long origin = from.toEpochMilli();
		TreeMap<Long, long[]> slices = new TreeMap<>();
		forEachCall(steps, from, until, (run, step, at) -> {
			long[] counts = slices.computeIfAbsent((at.toEpochMilli() - origin) / width, (k) -> new long[2]);
			counts[0]++;
			if (step.failed()) {
				counts[1]++;
			}
		});
		List<ToolCallCounts> result = new ArrayList<>(slices.size());
		slices.forEach((index, counts) -> result
			.add(new ToolCallCounts(Instant.ofEpochMilli(origin + index * width), counts[0], counts[1])));
		return result;
	}

	@Override
	public List<ErrorTypeCount> errorTypes(String tool, Instant from, Instant until) {
		return errorTypes(StoredStep.TOOL, tool, from, until);
	}

	@Override
	public List<ErrorTypeCount> errorTypes(String kind, String tool, Instant from, Instant until) {
		return errorTypes(new StepQuery(kind, tool, null), from, until);
	}

	@Override
	public List<ErrorTypeCount> errorTypes(StepQuery steps, Instant from, Instant until) {
		Map<String, ErrorTypeCount> types = new HashMap<>();
		forEachCall(steps, from, until, (run, step, at) -> {
			if (!step.failed()) {
				return;
			}
			String type = (step.errorType() != null) ? step.errorType() : "_OTHER";
			types.merge(type, new ErrorTypeCount(type, 1, at, at, step.errorMessage()),
					(a, b) -> new ErrorTypeCount(type, a.count() + b.count(),
							a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
							a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(),
							a.lastSeen().isAfter(b.lastSeen()) ? a.sampleMessage() : b.sampleMessage()));
		});
		List<ErrorTypeCount> result = new ArrayList<>(types.values());
		result.sort(Comparator.comparingLong(ErrorTypeCount::count).reversed().thenComparing(ErrorTypeCount::type));
		return result;
	}

	@Override
	public AffectedUsers affectedUsers(String tool, Instant from, Instant until) {
		return affectedUsers(StoredStep.TOOL, tool, from, until);
	}

	@Override
	public AffectedUsers affectedUsers(String kind, String tool, Instant from, Instant until) {
		return affectedUsers(new StepQuery(kind, tool, null), from, until);
	}

	@Override
	public AffectedUsers affectedUsers(StepQuery steps, Instant from, Instant until) {
		Map<String, Long> byUser = new HashMap<>();
		forEachCall(steps, from, until, (run, step, at) -> {
			if (step.failed()) {
				byUser.merge(run.userId(), 1L, Long::sum);
			}
		});
		long failures = 0;
		long top = 0;
		for (long count : byUser.values()) {
			failures += count;
			top = Math.max(top, count);
		}
		return new AffectedUsers(failures, byUser.size(), top);
	}

	@Override
	public long expire(Instant startedBefore, long maxRuns) {
		this.lock.writeLock().lock();
		try {
			int before = this.runs.size();
			this.runs.entrySet().removeIf((entry) -> {
				boolean old = entry.getValue().startedAt().isBefore(startedBefore);
				if (old) {
					forget(entry.getKey());
				}
				return old;
			});
			var oldest = this.runs.entrySet().iterator();
			while (this.runs.size() > maxRuns && oldest.hasNext()) {
				forget(oldest.next().getKey());
				oldest.remove();
			}
			this.scores.values().removeIf((byScorer) -> byScorer.values()
				.stream()
				.allMatch((score) -> score.runStartedAt().isBefore(startedBefore)));
			return before - this.runs.size();
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	private void forget(String runId) {
		this.scores.remove(runId);
		this.feedback.remove(runId);
	}

	@Override
	public List<StoredRun> runs(RunQuery query) {
		List<StoredRun> found = new ArrayList<>();
		this.lock.readLock().lock();
		try {
			for (StoredRun run : this.runs.values()) {
				if (query.matches(run)) {
					found.add(run);
				}
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
		found.sort(Comparator.comparing(StoredRun::startedAt).reversed());
		return (found.size() > query.limit()) ? List.copyOf(found.subList(0, query.limit())) : found;
	}

	@Override
	public boolean feedback(String runId, Feedback feedback) {
		this.lock.writeLock().lock();
		try {
			if (!this.runs.containsKey(runId)) {
				return false;
			}
			this.feedback.put(runId, feedback);
			return true;
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public Map<String, Feedback> feedback(Instant from, Instant until) {
		Map<String, Feedback> found = new HashMap<>();
		this.lock.readLock().lock();
		try {
			this.feedback.forEach((runId, each) -> {
				StoredRun run = this.runs.get(runId);
				if (run != null && !run.startedAt().isBefore(from) && run.startedAt().isBefore(until)) {
					found.put(runId, each);
				}
			});
		}
		finally {
			this.lock.readLock().unlock();
		}
		return found;
	}

	@Override
	public void writeScores(List<RunScore> batch) {
		this.lock.writeLock().lock();
		try {
			for (RunScore score : batch) {
				this.scores.computeIfAbsent(score.runId(), (id) -> new LinkedHashMap<>()).put(score.scorer(), score);
			}
			var oldest = this.scores.entrySet().iterator();
			while (this.scores.size() > this.capacity && oldest.hasNext()) {
				oldest.next();
				oldest.remove();
			}
		}
		finally {
			this.lock.writeLock().unlock();
		}
	}

	@Override
	public List<RunScore> scores(String runId) {
		this.lock.readLock().lock();
		try {
			Map<String, RunScore> byScorer = this.scores.get(runId);
			return (byScorer != null) ? List.copyOf(byScorer.values()) : List.of();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public List<ScoreDay> scoreDays(String scorer, Instant from, Instant until) {
		Map<DayKey, double[]> days = new TreeMap<>(Comparator.comparingLong(DayKey::day).thenComparing(DayKey::agent));
		this.lock.readLock().lock();
		try {
			for (StoredRun run : this.runs.values()) {
				if (run.startedAt().isBefore(from) || !run.startedAt().isBefore(until)) {
					continue;
				}
				long day = Math.floorDiv(run.startedAt().toEpochMilli(), 86_400_000L);
				double[] tally = days.computeIfAbsent(new DayKey(run.agent(), day), (key) -> new double[3]);
				tally[0]++;
				Map<String, RunScore> byScorer = this.scores.get(run.runId());
				RunScore score = (byScorer != null) ? byScorer.get(scorer) : null;
				if (score != null) {
					tally[1]++;
					tally[2] += score.value();
				}
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
		List<ScoreDay> result = new ArrayList<>(days.size());
		days.forEach((key, tally) -> result.add(new ScoreDay(key.agent(), java.time.LocalDate.ofEpochDay(key.day()),
				(long) tally[0], (long) tally[1], tally[2])));
		return result;
	}

	@Override
	public long count() {
		this.lock.readLock().lock();
		try {
			return this.runs.size();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	@Override
	public Optional<Instant> firstRunAt() {
		return read(() -> this.runs.values().stream().map(StoredRun::startedAt).min(Comparator.naturalOrder()));
	}

	@Override
	public List<String> toolNames(Instant from, Instant until) {
		return read(() -> {
			java.util.TreeSet<String> names = new java.util.TreeSet<>();
			eachStep(from, until, (run, step) -> {
				if (step.isTool()) {
					names.add(step.name());
				}
			});
			return List.copyOf(names);
		});
	}

	@Override
	public List<StepDurations> stepDurations(Instant from, Instant until) {
		return read(() -> {
			Map<List<String>, LogHistogram> durations = new TreeMap<>(
					Comparator.comparing((List<String> key) -> key.get(0)).thenComparing((key) -> key.get(1)));
			eachStep(from, until, (run, step) -> durations
				.computeIfAbsent(List.of(step.kind(), step.name()), (key) -> new LogHistogram())
				.add(step.durationMicros()));
			List<StepDurations> result = new ArrayList<>();
			durations.forEach((key, histogram) -> result.add(new StepDurations(key.get(0), key.get(1), histogram)));
			return result;
		});
	}

	@Override
	public LogHistogram runTokens(Instant from, Instant until) {
		return read(() -> {
			LogHistogram tokens = new LogHistogram();
			eachRun(from, until, (run) -> tokens.add(run.totalTokens()));
			return tokens;
		});
	}

	@Override
	public List<CostShare> costs(CostShare.By by, Instant from, Instant until, int limit) {
		return read(() -> {
			Map<String, Object[]> sums = new HashMap<>();
			if (by == CostShare.By.MODEL) {
				eachStep(from, until, (run, step) -> {
					if (!step.isTool() && step.cost() != null) {
						String model = (step.responseModel() != null) ? step.responseModel() : step.name();
						add(sums, model, step.cost(), run.currency());
					}
				});
			}
			else {
				eachRun(from, until, (run) -> {
					if (run.cost() != null) {
						add(sums, (by == CostShare.By.AGENT) ? run.agent() : run.userId(), run.cost(), run.currency());
					}
				});
			}
			return sums.entrySet()
				.stream()
				.map((entry) -> new CostShare(entry.getKey(), (java.math.BigDecimal) entry.getValue()[0],
						(String) entry.getValue()[1], (Long) entry.getValue()[2]))
				.sorted(Comparator.comparing(CostShare::cost).reversed().thenComparing(CostShare::key))
				.limit(Math.max(0, limit))
				.toList();
		});
	}

	private static void add(Map<String, Object[]> sums, String key, java.math.BigDecimal cost,
			@Nullable String currency) {
		Object[] sum = sums.computeIfAbsent(key, (k) -> new Object[] { java.math.BigDecimal.ZERO, currency, 0L });
		sum[0] = ((java.math.BigDecimal) sum[0]).add(cost);
		sum[1] = java.util.Objects.equals(sum[1], currency) ? currency : null;
		sum[2] = (Long) sum[2] + 1;
	}

	@Override
	public List<SessionSummary> sessions(@Nullable String userId, Instant from, Instant until, int limit) {
		return read(() -> {
			Map<String, List<StoredRun>> sessions = new HashMap<>();
			eachRun(from, until, (run) -> {
				if (run.memoryId() != null && (userId == null || userId.equals(run.userId()))) {
					sessions.computeIfAbsent(run.memoryId(), (k) -> new ArrayList<>()).add(run);
				}
			});
			List<SessionSummary> result = new ArrayList<>();
			sessions.forEach((memoryId, runs) -> {
				runs.sort(Comparator.comparing(StoredRun::startedAt));
				java.math.BigDecimal cost = null;
				long tokens = 0;
				long failed = 0;
				for (StoredRun run : runs) {
					tokens += run.totalTokens();
					failed += "completed".equals(run.outcome()) ? 0 : 1;
					cost = (run.cost() == null) ? cost : (cost == null) ? run.cost() : cost.add(run.cost());
				}
				StoredRun last = runs.get(runs.size() - 1);
				result.add(new SessionSummary(memoryId, last.userId(), runs.size(), failed, runs.get(0).startedAt(),
						last.startedAt(), tokens, cost));
			});
			result.sort(Comparator.comparing(SessionSummary::lastAt).reversed());
			return result.subList(0, Math.min(result.size(), Math.max(0, limit)));
		});
	}

	@Override
	public List<StoredRun> session(String memoryId, int limit) {
		return read(() -> {
			List<StoredRun> runs = new ArrayList<>();
			for (StoredRun run : this.runs.values()) {
				if (memoryId.equals(run.memoryId())) {
					runs.add(run.withSteps(List.of()));
				}
			}
			runs.sort(Comparator.comparing(StoredRun::startedAt));
			return List.copyOf(runs.subList(Math.max(0, runs.size() - Math.max(0, limit)), runs.size()));
		});
	}

	@Override
	public List<VersionSeen> versions(Instant from, Instant until) {
		return read(() -> {
			Map<List<String>, VersionSeen> seen = new LinkedHashMap<>();
			eachRun(from, until, (run) -> seen.merge(
					java.util.Arrays.asList(run.version(), run.instance()),
					new VersionSeen(run.version(), run.instance(), run.startedAt(), run.startedAt(), 1),
					(a, b) -> new VersionSeen(a.version(), a.instance(),
							a.firstSeen().isBefore(b.firstSeen()) ? a.firstSeen() : b.firstSeen(),
							a.lastSeen().isAfter(b.lastSeen()) ? a.lastSeen() : b.lastSeen(), a.runs() + b.runs())));
			List<VersionSeen> result = new ArrayList<>(seen.values());
			result.sort(Comparator.comparing(VersionSeen::firstSeen));
			return result;
		});
	}

	@Override
	public List<PromptRuns> runsByPrompt(String agent, Instant from, Instant until) {
		return read(() -> {
			Map<String, PromptRuns> versions = new LinkedHashMap<>();
			Map<String, Map<String, double[]>> sums = new HashMap<>();
			List<StoredRun> inRange = new ArrayList<>();
			eachRun(from, until, (run) -> {
				if (agent.equals(run.agent()) && run.prompt() != null) {
					inRange.add(run);
				}
			});
			inRange.sort(Comparator.comparing(StoredRun::startedAt));
			for (StoredRun run : inRange) {
				io.github.vigil.run.PromptVersion prompt = run.prompt();
				long failed = "completed".equals(run.outcome()) ? 0 : 1;
				versions.merge(prompt.version(), new PromptRuns(prompt.name(), prompt.version(), 1, failed,
						run.startedAt(), run.startedAt(), Map.of()),
						(a, b) -> new PromptRuns(a.name(), a.version(), a.runs() + 1, a.failed() + b.failed(),
								a.firstSeen(), b.lastSeen(), Map.of()));
				Map<String, RunScore> scored = this.scores.get(run.runId());
				if (scored != null) {
					scored.forEach((scorer, score) -> {
						double[] sum = sums.computeIfAbsent(prompt.version(), (k) -> new HashMap<>())
							.computeIfAbsent(scorer, (k) -> new double[2]);
						sum[0] += score.value();
						sum[1]++;
					});
				}
			}
			List<PromptRuns> result = new ArrayList<>();
			versions.forEach((version, runs) -> {
				Map<String, Double> means = new java.util.TreeMap<>();
				sums.getOrDefault(version, Map.of()).forEach((scorer, sum) -> means.put(scorer, sum[0] / sum[1]));
				result.add(runs.withMeanScores(means));
			});
			return result;
		});
	}

	@Override
	public List<VersionCalls> toolCallsByVersion(String tool, Instant from, Instant until) {
		Map<String, long[]> calls = new TreeMap<>(Comparator.nullsFirst(Comparator.naturalOrder()));
		forEachCall(StoredStep.TOOL, tool, from, until, (run, step, at) -> {
			long[] counts = calls.computeIfAbsent(run.version(), (k) -> new long[2]);
			counts[0]++;
			counts[1] += step.failed() ? 1 : 0;
		});
		List<VersionCalls> result = new ArrayList<>();
		calls.forEach((version, counts) -> result.add(new VersionCalls(version, counts[0], counts[1])));
		return result;
	}

	private <T> T read(java.util.function.Supplier<T> reading) {
		this.lock.readLock().lock();
		try {
			return reading.get();
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	/** Each stored run that started in the range; under the read lock. */
	private void eachRun(Instant from, Instant until, java.util.function.Consumer<StoredRun> visitor) {
		for (StoredRun run : this.runs.values()) {
			if (!run.startedAt().isBefore(from) && run.startedAt().isBefore(until)) {
				visitor.accept(run);
			}
		}
	}

	/** Each stored step that started in the range; under the read lock. */
	private void eachStep(Instant from, Instant until,
			java.util.function.BiConsumer<StoredRun, StoredStep> visitor) {
		for (StoredRun run : this.runs.values()) {
			if (run.endedAt().isBefore(from) || !run.startedAt().isBefore(until)) {
				continue;
			}
			for (StoredStep step : run.steps()) {
				Instant at = startOf(run, step);
				if (!at.isBefore(from) && at.isBefore(until)) {
					visitor.accept(run, step);
				}
			}
		}
	}

	private void forEachCall(String kind, String tool, Instant from, Instant until, CallVisitor visitor) {
		forEachCall(new StepQuery(kind, tool, null), from, until, visitor);
	}

	private void forEachCall(StepQuery steps, Instant from, Instant until, CallVisitor visitor) {
		this.lock.readLock().lock();
		try {
			for (StoredRun run : this.runs.values()) {
				if (run.endedAt().isBefore(from) || !run.startedAt().isBefore(until)) {
					continue;
				}
				for (StoredStep step : run.steps()) {
					if (steps.kind().equals(step.kind()) && steps.name().equals(step.name())
							&& (steps.server() == null || steps.server().equals(step.server()))) {
						Instant at = startOf(run, step);
						if (!at.isBefore(from) && at.isBefore(until)) {
							visitor.visit(run, step, at);
						}
					}
				}
			}
		}
		finally {
			this.lock.readLock().unlock();
		}
	}

	static Instant startOf(StoredRun run, StoredStep step) {
		return run.startedAt().plusNanos(step.startOffsetMicros() * 1000);
	}

	private record DayKey(String agent, long day) {
	}

	@FunctionalInterface
	private interface CallVisitor {

		void visit(StoredRun run, StoredStep step, Instant at);

	}

}
