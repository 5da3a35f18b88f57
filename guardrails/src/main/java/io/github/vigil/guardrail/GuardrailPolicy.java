package io.github.vigil.guardrail;

/**
 * How the application's guardrails and moderation checks are recorded.
 *
 * @param enabled whether each LangChain4j guardrail that ran is a step of its run
 * @param blockRateMinDecisions the decisions a guardrail needs in 15 minutes before the {@code guardrail-block-rate}
 * alert judges its block rate
 * @param moderation whether each observed AI service's moderation model is observed: its checks steps of their runs
 * @author Vigil contributors
 * @since 0.1.0
 */
public record GuardrailPolicy(boolean enabled, int blockRateMinDecisions, boolean moderation) {

	/** The decisions a guardrail needs in 15 minutes by default before its block rate is judged. */
	public static final int DEFAULT_BLOCK_RATE_MIN_DECISIONS = 20;

	public GuardrailPolicy {
		if (blockRateMinDecisions < 1) {
			throw new IllegalArgumentException("blockRateMinDecisions must be at least 1, was " + blockRateMinDecisions);
		}
	}

	/**
	 * Returns the defaults: guardrails and moderation checks recorded, block rate judged from 20 decisions.
	 * @return the policy
	 */
	public static GuardrailPolicy defaults() {
		return new GuardrailPolicy(true, DEFAULT_BLOCK_RATE_MIN_DECISIONS, true);
	}

}
