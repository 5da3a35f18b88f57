package io.github.vigil.run;

import org.jspecify.annotations.Nullable;

/**
 * A finished step of another kind than a model or tool call, in its run's record.
 *
 * @param kind its kind
 * @param name its bounded name
 * @param startOffsetNanos when it started, after the run's start
 * @param durationNanos how long it took
 * @param errorType bounded error type, {@code null} when it succeeded
 * @param errorMessage what went wrong (content), {@code null} when it succeeded
 * @param facts what it learned
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StepRecord(StepKind kind, String name, long startOffsetNanos, long durationNanos,
		@Nullable String errorType, @Nullable String errorMessage, Facts facts) {

	/**
	 * Returns whether the step succeeded.
	 * @return whether it did
	 */
	public boolean succeeded() {
		return this.errorType == null;
	}

}
