package io.github.vigil.eval;

import java.util.Set;

/**
 * How production runs are scored online, and when resolution has dropped.
 *
 * @param enabled whether finished runs are scored
 * @param sampleRate the share of runs scored, in [0, 1]
 * @param agents only these agents' runs are scored; empty for all
 * @param outcomes only runs with these outcomes ({@code completed}, {@code error}, {@code killed}); empty for all
 * @param queueCapacity finished runs waiting to be scored at most; more are dropped and counted
 * @param threads the threads that score
 * @param resolutionDropPoints how many points this week's resolution rate must be below last week's for
 * {@code resolution-drop} to fire
 * @param resolutionMinScored scored runs needed in each of the two weeks before they are compared
 * @author Vigil contributors
 * @since 0.1.0
 */
public record EvalPolicy(boolean enabled, double sampleRate, Set<String> agents, Set<String> outcomes,
		int queueCapacity, int threads, double resolutionDropPoints, int resolutionMinScored) {

	public EvalPolicy {
		if (!(sampleRate >= 0 && sampleRate <= 1)) {
			throw new IllegalArgumentException("sample-rate must be in [0, 1], was " + sampleRate);
		}
		if (queueCapacity < 1 || threads < 1) {
			throw new IllegalArgumentException("queue-capacity and threads must be at least 1");
		}
		if (!(resolutionDropPoints > 0 && resolutionDropPoints <= 100)) {
			throw new IllegalArgumentException("resolution-drop points must be in (0, 100], was "
					+ resolutionDropPoints);
		}
		if (resolutionMinScored < 1) {
			throw new IllegalArgumentException("resolution-drop min-scored must be at least 1");
		}
		agents = Set.copyOf(agents);
		outcomes = Set.copyOf(outcomes);
	}

	/**
	 * Returns the defaults: every run of every agent scored on one thread, up to 10,000 waiting; resolution-drop at
	 * 5 points with at least 50 scored runs in each week.
	 * @return the defaults
	 */
	public static EvalPolicy defaults() {
		return new EvalPolicy(true, 1.0, Set.of(), Set.of(), 10_000, 1, 5.0, 50);
	}

	/**
	 * Returns this policy with other resolution-drop thresholds.
	 * @param points the drop, in points
	 * @param minScored scored runs needed in each week
	 * @return the policy
	 */
	public EvalPolicy withResolutionDrop(double points, int minScored) {
		return new EvalPolicy(this.enabled, this.sampleRate, this.agents, this.outcomes, this.queueCapacity,
				this.threads, points, minScored);
	}

	/**
	 * Returns this policy with online scoring on or off.
	 * @param enabled whether runs are scored
	 * @return the policy
	 */
	public EvalPolicy withEnabled(boolean enabled) {
		return new EvalPolicy(enabled, this.sampleRate, this.agents, this.outcomes, this.queueCapacity,
				this.threads, this.resolutionDropPoints, this.resolutionMinScored);
	}

}
