package io.github.vigil.log;

import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WARN line per guard decision on the logger {@value GuardTrip#LOGGER_NAME}, as it is taken: which guard, what
 * it did, to which run of which agent and user, and why; tool arguments cut and redacted as in the run log. First in
 * the pipeline, so the line is written before any other middleware hears of the decision.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class GuardLog implements RunMiddleware {

	private static final Logger logger = LoggerFactory.getLogger(GuardTrip.LOGGER_NAME);

	private final ContentRedactor redactor;

	/**
	 * Creates the guard log.
	 * @param redactor how run ids, users, reasons and arguments are cut and redacted
	 */
	public GuardLog(ContentRedactor redactor) {
		this.redactor = redactor;
	}

	@Override
	public void guardTripped(Run run, GuardTrip trip) {
		if (logger.isWarnEnabled()) {
			logger.warn("Vigil {} guard, action {}: run {} of agent {} for user {}: {}{}", trip.guard(), trip.action(),
					this.redactor.truncate(run.runId()), run.agent(), this.redactor.truncate(run.userId()),
					this.redactor.truncate(trip.reason()),
					(trip.arguments() != null) ? " (arguments " + this.redactor.apply(trip.arguments()) + ")" : "");
		}
	}

}
