package io.github.vigil.autoconfigure;

import io.github.vigil.metrics.Conventions;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which names of the OpenTelemetry GenAI semantic conventions meters and spans use.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.observations")
public class ObservationsProperties {

	/**
	 * Names of the GenAI conventions where a name changed: 'latest' for the current names only, 'both' for the
	 * previous names beside them (for one release, while dashboards and alert rules move).
	 */
	private Conventions conventions = Conventions.LATEST;

	public Conventions getConventions() {
		return this.conventions;
	}

	public void setConventions(Conventions conventions) {
		this.conventions = conventions;
	}

}
