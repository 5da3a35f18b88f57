package io.github.vigil.store;

import org.jspecify.annotations.Nullable;

/**
 * A tool's calls and failures made by one application version.
 *
 * @param version the version, {@code null} when the runs did not say
 * @param calls its calls
 * @param errors of them, the failed ones
 * @author Vigil contributors
 * @since 0.1.0
 */
public record VersionCalls(@Nullable String version, long calls, long errors) {

	/**
	 * Returns the share of failed calls.
	 * @return the error rate, {@code NaN} without calls
	 */
	public double errorRate() {
		return (this.calls > 0) ? (double) this.errors / this.calls : Double.NaN;
	}

}
