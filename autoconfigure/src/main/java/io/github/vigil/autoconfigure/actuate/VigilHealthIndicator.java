package io.github.vigil.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertEvaluator;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The {@code vigil} health contributor: {@code UP} while no alert fires; while one does, the configured status
 * ({@code DEGRADED} by default, which keeps HTTP 200) with the active alerts in its details.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public class VigilHealthIndicator implements HealthIndicator {

	private final Vigil vigil;

	private final Status statusWhenFiring;

	public VigilHealthIndicator(Vigil vigil, String statusWhenFiring) {
		this.vigil = vigil;
		this.statusWhenFiring = new Status(statusWhenFiring);
	}

	@Override
	public Health health() {
		List<Alert> active = AlertEvaluator.of(this.vigil).active();
		Health.Builder health = active.isEmpty() ? Health.up() : Health.status(this.statusWhenFiring);
		health.withDetail("activeAlerts", active.size());
		if (!active.isEmpty()) {
			health.withDetail("alerts", active.stream().map(VigilHealthIndicator::describe).toList());
		}
		return health.build();
	}

	private static Map<String, Object> describe(Alert alert) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("alert", alert.alert());
		details.put("subject", alert.subject());
		details.put("severity", alert.severity());
		details.put("since", alert.since().toString());
		details.put("summary", alert.summary());
		return details;
	}

}
