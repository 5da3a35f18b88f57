package io.github.vigil.cost;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.RunFields;
import io.github.vigil.run.RunRecord;

/**
 * A run's cost in the run log: {@code cost} and {@code currency}, with the usage, none when no call was priced.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class CostFields implements RunFields {

	@Override
	public Section section() {
		return Section.USAGE;
	}

	@Override
	public void write(RunRecord run, FactWriter out) {
		RunCost cost = run.fact(RunCost.class);
		out.field("cost", (cost != null) ? cost.amount() : null)
			.field("currency", (cost != null) ? cost.currency() : null);
	}

}
