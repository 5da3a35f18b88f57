package io.github.vigil.metrics;

/**
 * Which names of the OpenTelemetry GenAI semantic conventions Vigil's meters and spans use, where a name changed:
 * the current ones only, or the current ones and, for one release, the previous ones beside them, so dashboards
 * built on the previous names keep working while they move. {@code vigil.observations.conventions}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum Conventions {

	/** The current names only. */
	LATEST,

	/** The current names, and the previous ones beside them for the names that changed. */
	BOTH;

	/**
	 * Tells whether the previous names are emitted as well.
	 * @return whether they are
	 */
	public boolean previous() {
		return this == BOTH;
	}

}
