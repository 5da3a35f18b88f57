package io.github.vigil.run;

/**
 * Thrown to the caller of an AI-service method when a guard ends its run with the {@link GuardAction#ERROR} action
 * (or with {@link GuardAction#END} on a method that cannot return a graceful answer).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public class RunKilledException extends RuntimeException {

	private final String runId;

	private final String userMessage;

	private final GuardTrip trip;

	/**
	 * Creates the exception.
	 * @param runId the run's id
	 * @param userMessage a message that is safe to show the user
	 * @param trip the guard decision that ended the run
	 */
	public RunKilledException(String runId, String userMessage, GuardTrip trip) {
		super("Run " + runId + " ended by the " + trip.guard() + " guard: " + trip.reason());
		this.runId = runId;
		this.userMessage = userMessage;
		this.trip = trip;
	}

	/**
	 * Returns the id of the run that was ended.
	 * @return the run id
	 */
	public String getRunId() {
		return this.runId;
	}

	/**
	 * Returns a message that is safe to show the user.
	 * @return the message
	 */
	public String getUserMessage() {
		return this.userMessage;
	}

	/**
	 * Returns the guard decision, with the pattern that tripped it.
	 * @return the trip
	 */
	public GuardTrip getTrip() {
		return this.trip;
	}

}
