package io.github.vigil.run;

/**
 * What a guard does to the run when it trips.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum GuardAction {

	/**
	 * End the run with a graceful answer, without calling the model again. For AI-service methods that return
	 * neither {@code String}, {@code Result<String>} nor {@code TokenStream}, this behaves as {@link #ERROR}.
	 */
	END("ended"),

	/** End the run by throwing {@link RunKilledException}. */
	ERROR("error"),

	/** Record and log the trip, and let the run go on. */
	WARN("warned");

	private final String tripValue;

	GuardAction(String tripValue) {
		this.tripValue = tripValue;
	}

	/**
	 * Returns the {@code action} tag value of a trip with this action.
	 * @return {@code ended}, {@code error} or {@code warned}
	 */
	public String tripValue() {
		return this.tripValue;
	}

}
