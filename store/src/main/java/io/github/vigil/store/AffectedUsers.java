package io.github.vigil.store;

/**
 * Who a tool's failures hit: one user or many.
 *
 * @param failures the failing calls counted
 * @param users distinct users among them
 * @param topUserFailures failures of the user hit most
 * @author Vigil contributors
 * @since 0.1.0
 */
public record AffectedUsers(long failures, long users, long topUserFailures) {

	/** No failures. */
	public static final AffectedUsers NONE = new AffectedUsers(0, 0, 0);

	/**
	 * Returns the share of the failures that hit the user hit most, from 0 to 1.
	 * @return the share, 0 without failures
	 */
	public double topUserShare() {
		return (this.failures > 0) ? (double) this.topUserFailures / this.failures : 0;
	}

}
