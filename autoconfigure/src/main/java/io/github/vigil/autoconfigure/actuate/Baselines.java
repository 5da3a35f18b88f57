package io.github.vigil.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.guard.BudgetGuard;

/**
 * The token baselines the budget guard learned, for the console: loaded only when the guards module is on the class
 * path.
 */
final class Baselines {

	private Baselines() {
	}

	/** Each agent's learned p95 and the limit it trips at: the baseline times the configured multiplier. */
	static List<Map<String, Object>> of(Vigil vigil) {
		BudgetGuard budget = vigil.middleware(BudgetGuard.class).orElse(null);
		if (budget == null) {
			return List.of();
		}
		double multiplier = budget.policy().baselineMultiplier();
		List<Map<String, Object>> baselines = new ArrayList<>();
		for (String agent : budget.baselines().agents()) {
			double p95 = budget.baselines().p95(agent);
			if (!Double.isNaN(p95)) {
				Map<String, Object> json = new LinkedHashMap<>();
				json.put("agent", agent);
				json.put("p95", Math.round(p95));
				json.put("multiplier", multiplier);
				json.put("limit", Math.round(multiplier * p95));
				baselines.add(json);
			}
		}
		return baselines;
	}

}
