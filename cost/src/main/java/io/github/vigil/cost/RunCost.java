package io.github.vigil.cost;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

/**
 * What a run's priced model calls cost together: a fact of the run that every priced call adds to (a workflow's,
 * every sub-agent's calls too). Read it by type: {@code record.fact(RunCost.class)}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RunCost {

	private @Nullable BigDecimal amount;

	private @Nullable String currency;

	/**
	 * Adds a call's cost.
	 * @param cost the call's cost
	 */
	public synchronized void add(CallCost cost) {
		this.amount = ((this.amount != null) ? this.amount.add(cost.amount()) : cost.amount()).stripTrailingZeros();
		this.currency = cost.currency();
	}

	/**
	 * Returns the cost so far.
	 * @return the amount, {@code null} when no call was priced
	 */
	public synchronized @Nullable BigDecimal amount() {
		return this.amount;
	}

	/**
	 * Returns the cost's currency.
	 * @return the ISO 4217 code, {@code null} when no call was priced
	 */
	public synchronized @Nullable String currency() {
		return this.currency;
	}

	@Override
	public synchronized String toString() {
		return (this.amount != null) ? this.amount.toPlainString() + " " + this.currency : "unpriced";
	}

}
