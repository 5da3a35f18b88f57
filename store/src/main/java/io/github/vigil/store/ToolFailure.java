package io.github.vigil.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One failing tool call, with what the on-call engineer needs to find and reproduce it.
 *
 * @param runId the run it belongs to
 * @param stepIndex its index among the run's steps, the one replay takes
 * @param timestamp when it started
 * @param userId the user the run served
 * @param agent the agent
 * @param tool the tool
 * @param errorType bounded error type
 * @param errorMessage the failure's message, truncated and redacted
 * @param arguments the arguments the model sent, truncated and redacted
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ToolFailure(String runId, int stepIndex, Instant timestamp, String userId, String agent, String tool,
		@Nullable String errorType, @Nullable String errorMessage, @Nullable String arguments) {
}
