package io.github.vigil.alert;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * Recent steps in time buckets (a fifteenth of the shortest window, at most a minute), per tool and per model
 * (calls, errors, latency), guard signals per subject, and
 * each latency subject's hourly p95 over the last seven days for the weekly baseline. Memory is bounded: a fixed
 * number of buckets per subject, and subjects are tools, models and agents.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class StepWindows implements RunMiddleware {

	/** The guard decisions the alerts count, by the names the run log documents ({@code guard_trips[].guard}). */
	private static final String LOOP_GUARD = "loop";

	private static final String CONTEXT_WINDOW_GUARD = "context-window";

	private static final String TOKEN_BASELINE_RULE = "token-baseline";

	static final int HOURS_KEPT = 7 * 24;

	private final Clock clock;

	private final long bucketMillis;

	private final int buckets;

	private final Map<String, Series> tools = new ConcurrentHashMap<>();

	private final Map<String, Series> latencies = new ConcurrentHashMap<>();

	private final Map<String, Subject> toolSubjects = new ConcurrentHashMap<>();

	private final Map<String, Subject> modelSubjects = new ConcurrentHashMap<>();

	private final Map<String, Series> signals = new ConcurrentHashMap<>();

	private final Map<String, Series> runs = new ConcurrentHashMap<>();

	private final Map<String, Hours> hours = new ConcurrentHashMap<>();

	private volatile boolean baselinesChanged;

	long bucketMillis() {
		return this.bucketMillis;
	}

	StepWindows(Clock clock, long bucketMillis, int buckets) {
		this.clock = clock;
		this.bucketMillis = bucketMillis;
		this.buckets = buckets;
	}

	@Override
	public ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
		toolCall(call.tool(), call.errorType() != null, call.durationNanos());
		return result;
	}

	@Override
	public void toolCallFailed(ToolCall call, Throwable error) {
		toolCall(call.tool(), true, call.durationNanos());
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		modelCall(call.requestModel(), false, call.durationNanos());
		return response;
	}

	@Override
	public void modelCallFailed(ModelCall call, Throwable error) {
		modelCall(call.requestModel(), true, call.durationNanos());
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		runEnded(record.agent());
	}

	/**
	 * Records a finished run of an agent, the measure context-window trips are weighed against.
	 * @param agent the agent
	 */
	void runEnded(String agent) {
		this.runs.computeIfAbsent(agent, (k) -> new Series(this.buckets))
			.record(this.clock.millis() / this.bucketMillis, false, -1);
	}

	@Override
	public void guardTripped(Run run, GuardTrip trip) {
		if (LOOP_GUARD.equals(trip.guard())) {
			signal(AlertEvaluator.LOOP, run.agent() + "/" + trip.tool());
		}
		else if (CONTEXT_WINDOW_GUARD.equals(trip.guard())) {
			signal(AlertEvaluator.CONTEXT_WINDOW, run.agent());
		}
		else if (TOKEN_BASELINE_RULE.equals(trip.rule())) {
			signal(AlertEvaluator.RUN_TOKENS_BASELINE, run.agent());
		}
	}

	/**
	 * Records a tool call.
	 * @param tool the tool
	 * @param error whether it failed
	 * @param nanos its latency
	 */
	public void toolCall(String tool, boolean error, long nanos) {
		long now = this.clock.millis();
		Subject subject = this.toolSubjects.get(tool);
		if (subject == null) {
			subject = this.toolSubjects.computeIfAbsent(tool,
					(k) -> subject(this.tools.computeIfAbsent(k, (t) -> new Series(this.buckets)), "tool:" + k));
		}
		subject.calls().record(now / this.bucketMillis, error, nanos);
		latency(subject, now, nanos);
	}

	/**
	 * Records a model call.
	 * @param model the model requested
	 * @param error whether it failed
	 * @param nanos its latency
	 */
	public void modelCall(String model, boolean error, long nanos) {
		Subject subject = this.modelSubjects.get(model);
		if (subject == null) {
			subject = this.modelSubjects.computeIfAbsent(model, (k) -> subject(null, "model:" + k));
		}
		latency(subject, this.clock.millis(), nanos);
	}

	private Subject subject(@Nullable Series calls, String latencyKey) {
		return new Subject(calls, this.latencies.computeIfAbsent(latencyKey, (k) -> new Series(this.buckets)),
				this.hours.computeIfAbsent(latencyKey, (k) -> new Hours()));
	}

	/**
	 * Records a guard signal.
	 * @param alert the alert it feeds: {@code loop}, {@code run-tokens-baseline} or {@code context-window}
	 * @param subject the agent, or agent and tool
	 */
	public void signal(String alert, String subject) {
		this.signals.computeIfAbsent(alert + "|" + subject, (k) -> new Series(this.buckets))
			.record(this.clock.millis() / this.bucketMillis, false, -1);
	}

	private void latency(Subject subject, long now, long nanos) {
		subject.latency().record(now / this.bucketMillis, false, nanos);
		if (subject.hours().record(now / 3_600_000, nanos)) {
			this.baselinesChanged = true;
		}
	}

	Map<String, Window> toolWindows(long now, long windowMillis) {
		return windows(this.tools, now, windowMillis);
	}

	Map<String, Window> latencyWindows(long now, long windowMillis) {
		return windows(this.latencies, now, windowMillis);
	}

	Map<String, Window> signalWindows(long now, long windowMillis) {
		return windows(this.signals, now, windowMillis);
	}

	Map<String, Window> runWindows(long now, long windowMillis) {
		return windows(this.runs, now, windowMillis);
	}

	/**
	 * Returns a subject's weekly baseline: the average of its hourly p95 over the previous seven days.
	 * @return the baseline in seconds and the hours it is taken over
	 */
	double[] baseline(String subject, long nowHour) {
		Hours subjectHours = this.hours.get(subject);
		return (subjectHours != null) ? subjectHours.baseline(nowHour) : new double[] { Double.NaN, 0 };
	}

	boolean takeBaselinesChanged() {
		boolean changed = this.baselinesChanged;
		this.baselinesChanged = false;
		return changed;
	}

	Map<String, List<double[]>> hourlyBaselines() {
		Map<String, List<double[]>> all = new LinkedHashMap<>();
		this.hours.forEach((subject, subjectHours) -> all.put(subject, subjectHours.closed()));
		return all;
	}

	void restoreHourlyBaselines(Map<String, List<double[]>> saved) {
		saved.forEach((subject, entries) -> this.hours.computeIfAbsent(subject, (k) -> new Hours()).restore(entries));
	}

	private Map<String, Window> windows(Map<String, Series> series, long now, long windowMillis) {
		Map<String, Window> windows = new LinkedHashMap<>();
		int count = (int) Math.min(this.buckets, Math.max(1, windowMillis / this.bucketMillis));
		series.forEach((subject, s) -> {
			Window window = s.window(now / this.bucketMillis, count);
			if (window.calls() > 0) {
				windows.put(subject, window);
			}
		});
		return windows;
	}

	/** The series of a tool or model, found with one lookup by its plain name. */
	private record Subject(@Nullable Series calls, Series latency, Hours hours) {
	}

	/**
	 * Calls, errors and latency quantiles of one subject over the window.
	 */
	record Window(long calls, long errors, double p50, double p95, double p99) {
	}

	/** Time buckets of one subject, in a ring. */
	private static final class Series {

		private final long[] stamps;

		private final long[] calls;

		private final long[] errors;

		private final LatencyHistogram[] latencies;

		Series(int buckets) {
			int size = buckets + 1;
			this.stamps = new long[size];
			this.calls = new long[size];
			this.errors = new long[size];
			this.latencies = new LatencyHistogram[size];
			java.util.Arrays.fill(this.stamps, -1);
		}

		synchronized void record(long bucket, boolean error, long nanos) {
			int slot = (int) (bucket % this.stamps.length);
			if (this.stamps[slot] != bucket) {
				this.stamps[slot] = bucket;
				this.calls[slot] = 0;
				this.errors[slot] = 0;
				this.latencies[slot] = null;
			}
			this.calls[slot]++;
			if (error) {
				this.errors[slot]++;
			}
			if (nanos >= 0) {
				if (this.latencies[slot] == null) {
					this.latencies[slot] = new LatencyHistogram();
				}
				this.latencies[slot].record(nanos);
			}
		}

		synchronized Window window(long nowBucket, int buckets) {
			long calls = 0;
			long errors = 0;
			long[] merged = new long[LatencyHistogram.BUCKETS];
			for (int slot = 0; slot < this.stamps.length; slot++) {
				long age = nowBucket - this.stamps[slot];
				if (this.stamps[slot] >= 0 && age >= 0 && age < buckets) {
					calls += this.calls[slot];
					errors += this.errors[slot];
					if (this.latencies[slot] != null) {
						this.latencies[slot].addTo(merged);
					}
				}
			}
			return new Window(calls, errors, LatencyHistogram.quantileSeconds(merged, 0.5),
					LatencyHistogram.quantileSeconds(merged, 0.95), LatencyHistogram.quantileSeconds(merged, 0.99));
		}

	}

	/** The current hour's histogram and the closed hours' p95 of one subject. */
	private static final class Hours {

		private long currentHour = -1;

		private LatencyHistogram current = new LatencyHistogram();

		private final Deque<double[]> closed = new ArrayDeque<>();

		/** Records a latency; returns whether an hour was closed. */
		synchronized boolean record(long hour, long nanos) {
			boolean rolled = roll(hour);
			this.current.record(nanos);
			return rolled;
		}

		private boolean roll(long hour) {
			if (hour == this.currentHour) {
				return false;
			}
			boolean rolled = false;
			if (this.currentHour >= 0 && this.current.total() > 0) {
				long[] counts = new long[LatencyHistogram.BUCKETS];
				this.current.addTo(counts);
				this.closed.addLast(new double[] { this.currentHour, LatencyHistogram.quantileSeconds(counts, 0.95) });
				while (this.closed.size() > HOURS_KEPT) {
					this.closed.removeFirst();
				}
				rolled = true;
			}
			this.currentHour = hour;
			this.current = new LatencyHistogram();
			return rolled;
		}

		synchronized double[] baseline(long nowHour) {
			if (nowHour > this.currentHour && this.currentHour >= 0) {
				roll(nowHour);
			}
			double sum = 0;
			int count = 0;
			for (double[] entry : this.closed) {
				if (entry[0] < nowHour && entry[0] >= nowHour - HOURS_KEPT) {
					sum += entry[1];
					count++;
				}
			}
			return new double[] { (count > 0) ? sum / count : Double.NaN, count };
		}

		synchronized List<double[]> closed() {
			return List.copyOf(this.closed);
		}

		synchronized void restore(List<double[]> entries) {
			for (double[] entry : entries) {
				this.closed.addLast(entry);
			}
			while (this.closed.size() > HOURS_KEPT) {
				this.closed.removeFirst();
			}
		}

	}

}
