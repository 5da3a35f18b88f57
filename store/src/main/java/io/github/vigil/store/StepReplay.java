package io.github.vigil.store;

/**
 * One stored tool call executed again with its recorded arguments, beside what it returned the first time.
 *
 * @param runId the run
 * @param stepIndex the step
 * @param tool the tool
 * @param arguments the arguments sent, as stored
 * @param argumentsExact whether the stored arguments are whole (not truncated and not redacted)
 * @param recorded what the call returned in the run
 * @param replayed what it returns now
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StepReplay(String runId, int stepIndex, String tool, String arguments, boolean argumentsExact,
		ReplayedOutcome recorded, ReplayedOutcome replayed) {
}
