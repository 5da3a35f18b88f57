package io.github.vigil.store;

import java.time.Duration;
import java.util.Objects;

/**
 * How the run store keeps runs.
 *
 * @param enabled whether runs are stored
 * @param retention runs older than this are deleted
 * @param maxRuns runs kept at most; the oldest beyond it are deleted
 * @param sampleRate share of ordinary runs kept, from 0 to 1; runs with an error, a kill, a tool failure, a guard
 * decision or a flag are always kept
 * @param queueCapacity runs waiting to be written at most; beyond it runs are dropped and counted, never waited for
 * @param fullContent whether content is kept whole instead of truncated and redacted like the run log
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StorePolicy(boolean enabled, Duration retention, int maxRuns, double sampleRate, int queueCapacity,
		boolean fullContent) {

	/** Default retention: two weeks, so a week can be compared with the week before. */
	public static final Duration DEFAULT_RETENTION = Duration.ofDays(14);

	/** Default number of runs the embedded store keeps. */
	public static final int DEFAULT_MAX_RUNS = 10_000;

	/** Default queue capacity. */
	public static final int DEFAULT_QUEUE_CAPACITY = 10_000;

	public StorePolicy {
		Objects.requireNonNull(retention, "retention must not be null");
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("retention must be positive, was " + retention);
		}
		if (maxRuns < 1) {
			throw new IllegalArgumentException("maxRuns must be at least 1, was " + maxRuns);
		}
		if (!(sampleRate >= 0 && sampleRate <= 1)) {
			throw new IllegalArgumentException("sampleRate must be between 0 and 1, was " + sampleRate);
		}
		if (queueCapacity < 1) {
			throw new IllegalArgumentException("queueCapacity must be at least 1, was " + queueCapacity);
		}
	}

	/**
	 * Returns the defaults: on, 14 days, 10,000 runs, every run kept, a queue of 10,000, content as in the run log.
	 * @return the default policy
	 */
	public static StorePolicy defaults() {
		return new StorePolicy(true, DEFAULT_RETENTION, DEFAULT_MAX_RUNS, 1.0, DEFAULT_QUEUE_CAPACITY, false);
	}

	/**
	 * Returns this policy with runs not stored.
	 * @return the policy
	 */
	public StorePolicy disabled() {
		return new StorePolicy(false, this.retention, this.maxRuns, this.sampleRate, this.queueCapacity,
				this.fullContent);
	}

}
