package io.github.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One tool over a window, answering the on-call questions: how often it fails, with which errors since when, and
 * whether the failures hit one user or many.
 *
 * @param tool the tool
 * @param window the window, ending now
 * @param calls calls in the window
 * @param errors failures in the window
 * @param errorTypes the failures by type, most frequent first
 * @param usersAffected distinct users among the failures
 * @param topUserShare share of the failures that hit the user hit most, from 0 to 1
 * @param onset when the error rate stepped up from its healthy level: the first failure of the step-up;
 * {@code null} when the rate did not step up
 * @param onsetBasis how the onset was found: {@value #STEP_UP} (a healthy period, then a step up),
 * {@value #FIRST_FAILURE} (failing since the first call looked at, no healthy period seen) or {@value #STEADY}
 * (no step up: no onset)
 * @param healthyErrorRate the error rate outside the step-up, {@code null} when none was found
 * @param recoveredAt when the rate fell back to its healthy level, {@code null} while the step-up goes on
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ToolSummary(String tool, Duration window, long calls, long errors, List<ErrorTypeCount> errorTypes,
		long usersAffected, double topUserShare, @Nullable Instant onset, String onsetBasis,
		@Nullable Double healthyErrorRate, @Nullable Instant recoveredAt) {

	/** The error rate stepped up from a healthy level. */
	public static final String STEP_UP = "step_up";

	/** The tool failed from the first call looked at. */
	public static final String FIRST_FAILURE = "first_failure";

	/** The error rate did not step up. */
	public static final String STEADY = "steady";

	public ToolSummary {
		errorTypes = List.copyOf(errorTypes);
	}

	/**
	 * Returns the share of calls that failed, from 0 to 1.
	 * @return the error rate, 0 without calls
	 */
	public double errorRate() {
		return (this.calls > 0) ? (double) this.errors / this.calls : 0;
	}

}
