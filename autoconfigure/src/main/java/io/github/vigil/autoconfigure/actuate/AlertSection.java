package io.github.vigil.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.eval.OnlineScoring;

/**
 * The alerts the {@code vigil} endpoint and the console show: the only class of theirs that names the alerts
 * module's types, used only when {@code vigil-alerts} is on the class path.
 */
final class AlertSection {

	static final String MODULE_CLASS = "io.github.vigil.alert.AlertEvaluator";

	private AlertSection() {
	}

	/** The active and the recently resolved alerts. */
	static Map<String, Object> alerts(Vigil vigil) {
		AlertEvaluator alerts = AlertEvaluator.of(vigil);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("active", alerts.active());
		body.put("resolved", alerts.recentlyResolved());
		return body;
	}

	/** The active resolution-drop alerts (evals raise them). */
	static List<Alert> resolutionDrops(Vigil vigil) {
		return AlertEvaluator.of(vigil)
			.active()
			.stream()
			.filter((alert) -> OnlineScoring.RESOLUTION_DROP.equals(alert.alert()))
			.toList();
	}

}
