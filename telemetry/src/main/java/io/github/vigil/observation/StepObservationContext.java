package io.github.vigil.observation;

import io.github.vigil.observation.VigilObservationDocumentation.HighCardinalityKeys;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the observation contexts of a run's steps share: who and which conversation the run serves, and whether the
 * step ended.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public abstract class StepObservationContext extends Observation.Context {

	private boolean ended;

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

	/**
	 * Returns the span attributes that tie the step to its user and conversation in Langfuse and LangSmith, with
	 * LangSmith's run type.
	 * @param spanKind LangSmith's run type: {@code llm} or {@code tool}
	 * @return the key values
	 */
	KeyValues identity(String spanKind) {
		return identity(spanKind, new Attributes()).toKeyValues();
	}

	/** Adds who and which conversation the step served, and its kind of span, to a step's key values. */
	Attributes identity(String spanKind, Attributes values) {
		values.add(HighCardinalityKeys.LANGSMITH_SPAN_KIND.withValue(spanKind));
		if (this.userId != null) {
			values.add(HighCardinalityKeys.OTEL_USER_ID.withValue(this.userId),
					HighCardinalityKeys.LANGSMITH_USER_ID.withValue(this.userId));
		}
		if (this.sessionId != null) {
			values.add(HighCardinalityKeys.SESSION_ID.withValue(this.sessionId),
					HighCardinalityKeys.LANGSMITH_SESSION_ID.withValue(this.sessionId));
		}
		return values;
	}

}
