package io.github.vigil.guardrail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.vigil.metrics.SlidingCounts;

/**
 * Each guardrail's decisions and blocks per minute over the last day: what the in-process
 * {@code guardrail-block-rate} alert reads, as the Prometheus rule {@code VigilGuardrailBlockRateStepUp} does: the block
 * share of the last 15 minutes against the day before it (less the last half hour).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class GuardrailWindows {

	/** The in-process alert's name. */
	public static final String GUARDRAIL_BLOCK_RATE = "guardrail-block-rate";

	private static final long MINUTE = 60_000;

	private static final int MINUTES = 24 * 60 + 30;

	private final Map<String, SlidingCounts> guardrails = new ConcurrentHashMap<>();

	/** A guardrail whose block share stepped up. */
	public record StepUp(String guardrail, long decisions, long blocks, double share, double usualShare) {

		/**
		 * Returns what the {@code guardrail-block-rate} alert says of it.
		 * @return one line naming the guardrail, its share and its usual share
		 */
		public String summary() {
			return String.format(java.util.Locale.ROOT,
					"Guardrail %s blocked %.1f%% of %d decisions in the last 15 minutes, against %.1f%% the day before",
					this.guardrail, this.share * 100, this.decisions, this.usualShare * 100);
		}

		/**
		 * Returns the facts the alert carries.
		 * @return the facts, in order
		 */
		public Map<String, Object> facts() {
			Map<String, Object> facts = new java.util.LinkedHashMap<>();
			facts.put("share", Math.round(this.share * 10_000) / 10_000.0);
			facts.put("usualShare", Math.round(this.usualShare * 10_000) / 10_000.0);
			facts.put("blocks", this.blocks);
			facts.put("decisions", this.decisions);
			return facts;
		}

	}

	/**
	 * Records a decision.
	 * @param guardrail the guardrail's name
	 * @param blocked whether it blocked
	 * @param millis when, in epoch milliseconds
	 */
	public void record(String guardrail, boolean blocked, long millis) {
		this.guardrails.computeIfAbsent(guardrail, (name) -> new SlidingCounts(MINUTES, MINUTE)).add(millis, blocked);
	}

	/**
	 * Returns the guardrails whose block share over the last 15 minutes is above 5 points plus twice their share over
	 * the day before the last half hour, with at least {@code minDecisions} decisions in the 15 minutes.
	 * @param now the time
	 * @param minDecisions decisions needed in the 15 minutes
	 * @return the guardrails that stepped up
	 */
	public List<StepUp> stepUps(Instant now, int minDecisions) {
		long millis = now.toEpochMilli();
		List<StepUp> found = new ArrayList<>();
		this.guardrails.forEach((name, counts) -> {
			long[] recent = counts.sum(14, 0, millis);
			long[] usual = counts.sum(MINUTES - 1, 30, millis);
			if (recent[0] < minDecisions) {
				return;
			}
			double share = (double) recent[1] / recent[0];
			double usualShare = (usual[0] > 0) ? (double) usual[1] / usual[0] : 0;
			if (share > 0.05 + 2 * usualShare) {
				found.add(new StepUp(name, recent[0], recent[1], share, usualShare));
			}
		});
		return found;
	}

}
