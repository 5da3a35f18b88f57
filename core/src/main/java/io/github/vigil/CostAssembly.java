package io.github.vigil;

import io.github.vigil.cost.CostMeter;
import io.github.vigil.cost.ModelPrices;
import io.github.vigil.cost.PriceTable;
import io.github.vigil.metrics.Conventions;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The cost module ({@code vigil-cost}) in a {@link Vigil}: the only class of the assembly that names its types,
 * loaded only when the module is on the class path, so that an application can leave the module out and lose each
 * call's cost (and the modules that build on it: the budgets and the store) and nothing else.
 */
final class CostAssembly {

	private CostAssembly() {
	}

	/**
	 * Returns the cost meter, once {@link Modules} has found the module on the class path.
	 * @param prices the {@code ModelPrices}, {@code null} for the shipped price table
	 * @return the meter
	 */
	static RunMiddleware meter(@Nullable Object prices, MeterRegistry registry, Conventions conventions) {
		return new CostMeter((prices != null) ? (ModelPrices) prices : PriceTable.defaults(), registry, conventions);
	}

}
