package io.github.vigil.eval;

/**
 * An agent whose resolution rate this week is below last week's by at least the policy's points, with enough scored
 * runs in both weeks: the facts of {@code resolution-drop}.
 *
 * @param agent the agent
 * @param thisWeekRate the mean resolution score of the last 7 days
 * @param thisWeekScored runs scored in the last 7 days
 * @param lastWeekRate the mean resolution score of the 7 days before
 * @param lastWeekScored runs scored in the 7 days before
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ResolutionDrop(String agent, double thisWeekRate, long thisWeekScored, double lastWeekRate,
		long lastWeekScored) {

	/**
	 * Returns the drop in points (percentage points of the rate).
	 * @return the drop
	 */
	public double points() {
		return (this.lastWeekRate - this.thisWeekRate) * 100;
	}

}
