package io.github.vigil.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of a tool call's observation ({@code execute_tool {tool}}).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ToolCallObservationContext extends Observation.Context {

	private boolean ended;

	private final String tool;

	private final String agent;

	private final @Nullable String callId;

	private String errorType = "none";

	private @Nullable String arguments;

	private @Nullable String userId;

	private @Nullable String sessionId;

	/**
	 * Returns the user of the step's run, when known.
	 * @return the user id, {@code null} for an anonymous run or a step outside a run
	 */
	public @Nullable String getUserId() {
		return this.userId;
	}

	/**
	 * Returns the chat memory id of the step's run.
	 * @return the id, {@code null} when the run has none
	 */
	public @Nullable String getSessionId() {
		return this.sessionId;
	}

	/**
	 * Sets who and which conversation the step's run serves.
	 * @param userId the user, {@code null} when not known
	 * @param sessionId the chat memory id, {@code null} when none
	 */
	public void setRun(@Nullable String userId, @Nullable String sessionId) {
		this.userId = userId;
		this.sessionId = sessionId;
	}

	private @Nullable String result;

	public ToolCallObservationContext(String tool, String agent, @Nullable String callId) {
		this.tool = tool;
		this.agent = agent;
		this.callId = callId;
	}

	public String getTool() {
		return this.tool;
	}

	public String getAgent() {
		return this.agent;
	}

	public @Nullable String getCallId() {
		return this.callId;
	}

	public String getErrorType() {
		return this.errorType;
	}

	public void setErrorType(String errorType) {
		this.errorType = errorType;
	}

	/**
	 * Returns the arguments, set only when content is included in traces.
	 * @return the arguments or {@code null}
	 */
	public @Nullable String getArguments() {
		return this.arguments;
	}

	public void setArguments(@Nullable String arguments) {
		this.arguments = arguments;
	}

	/**
	 * Returns the result text, set only when content is included in traces.
	 * @return the result or {@code null}
	 */
	public @Nullable String getResult() {
		return this.result;
	}

	public void setResult(@Nullable String result) {
		this.result = result;
	}

	/**
	 * Returns whether the step ended: the conventions compute key values only then, once, because spans are tagged
	 * when they end.
	 * @return whether it ended
	 */
	public boolean isEnded() {
		return this.ended;
	}

	/**
	 * Marks the step ended, just before its observation stops.
	 */
	public void markEnded() {
		this.ended = true;
	}

}
