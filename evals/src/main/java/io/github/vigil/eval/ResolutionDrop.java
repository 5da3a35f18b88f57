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

	/**
	 * Returns what the {@code resolution-drop} alert says of this drop.
	 * @return one line naming the agent and both weeks
	 */
	public String summary() {
		return String.format(java.util.Locale.ROOT,
				"Resolution rate of %s fell %.1f points week over week: %.1f%% of %d scored runs, was %.1f%% of %d",
				this.agent, points(), this.thisWeekRate * 100, this.thisWeekScored, this.lastWeekRate * 100,
				this.lastWeekScored);
	}

	/**
	 * Returns the facts the {@code resolution-drop} alert carries.
	 * @param thresholdPoints the drop it fires at
	 * @param minScored the scored runs each week needs
	 * @return the facts, in order
	 */
	public java.util.Map<String, Object> facts(double thresholdPoints, int minScored) {
		java.util.Map<String, Object> facts = new java.util.LinkedHashMap<>();
		facts.put("thisWeekRate", Math.round(this.thisWeekRate * 10_000) / 10_000.0);
		facts.put("thisWeekScored", this.thisWeekScored);
		facts.put("lastWeekRate", Math.round(this.lastWeekRate * 10_000) / 10_000.0);
		facts.put("lastWeekScored", this.lastWeekScored);
		facts.put("dropPoints", Math.round(points() * 10) / 10.0);
		facts.put("thresholdPoints", thresholdPoints);
		facts.put("minScored", minScored);
		return facts;
	}

}
