package io.github.vigil.store;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What the runs of one agent, model or user cost over a range, from the store (never from metric tags).
 *
 * @param key the agent, the model or the user
 * @param cost the sum of the priced runs' (or model calls') costs
 * @param currency its ISO 4217 code, {@code null} when mixed or unknown
 * @param runs how many runs (or model calls) the sum is over
 * @author Vigil contributors
 * @since 0.1.0
 */
public record CostShare(String key, BigDecimal cost, @Nullable String currency, long runs) {

	/** What a cost is shared by. */
	public enum By {

		/** The run's agent. */
		AGENT,

		/** The model that answered a call. */
		MODEL,

		/** The user a run served. */
		USER

	}

}
