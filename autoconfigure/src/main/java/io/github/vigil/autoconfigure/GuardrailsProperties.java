package io.github.vigil.autoconfigure;

import io.github.vigil.guardrail.GuardrailPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Guardrails and moderation: the application's LangChain4j guardrails and moderation model checks as steps of their
 * runs.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.guardrails")
public class GuardrailsProperties {

	/**
	 * Whether each LangChain4j input and output guardrail that ran is a step of its run, counted in
	 * vigil.guardrail.results and judged by the guardrail-block-rate alert.
	 */
	private boolean enabled = true;

	/**
	 * The guardrail-block-rate alert.
	 */
	private final BlockRate blockRate = new BlockRate();

	/**
	 * Moderation models.
	 */
	private final Moderation moderation = new Moderation();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public BlockRate getBlockRate() {
		return this.blockRate;
	}

	public Moderation getModeration() {
		return this.moderation;
	}

	/** The policy these properties describe. */
	GuardrailPolicy toPolicy() {
		return new GuardrailPolicy(this.enabled, this.blockRate.minDecisions, this.moderation.enabled);
	}

	public static class BlockRate {

		/**
		 * The decisions a guardrail needs in 15 minutes before its block rate is compared with the day before.
		 */
		private int minDecisions = GuardrailPolicy.DEFAULT_BLOCK_RATE_MIN_DECISIONS;

		public int getMinDecisions() {
			return this.minDecisions;
		}

		public void setMinDecisions(int minDecisions) {
			this.minDecisions = minDecisions;
		}

	}

	public static class Moderation {

		/**
		 * Whether the moderation model of each observed AI service is observed: each check (an AI service's
		 * @Moderate) a step of the run it moderates, with whether it flagged, never the text.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
