package io.github.vigil.observation;

import io.github.vigil.run.StepKind;
import org.jspecify.annotations.Nullable;

/**
 * The observation context of a step of another kind than a model or tool call (a retrieval, an embedding call): its
 * kind, its name, its run's agent, and, once it ended, its error type and the facts it wrote on the span.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class OtherStepObservationContext extends StepObservationContext {

	private final StepKind kind;

	private final String name;

	private final String agent;

	private @Nullable String errorType;

	/**
	 * Creates the context.
	 * @param kind the step's kind
	 * @param name its bounded name
	 * @param agent its run's agent, {@code none} outside a run
	 */
	public OtherStepObservationContext(StepKind kind, String name, String agent) {
		this.kind = kind;
		this.name = name;
		this.agent = agent;
	}

	/**
	 * Returns the step's kind.
	 * @return the kind
	 */
	public StepKind getKind() {
		return this.kind;
	}

	/**
	 * Returns the step's name.
	 * @return the name
	 */
	public String getStepName() {
		return this.name;
	}

	/**
	 * Returns the agent of the step's run.
	 * @return the agent
	 */
	public String getAgent() {
		return this.agent;
	}

	/**
	 * Returns how the step failed.
	 * @return the error type, {@code null} on success
	 */
	public @Nullable String getErrorType() {
		return this.errorType;
	}

	/**
	 * Sets how the step failed.
	 * @param errorType the error type, {@code null} on success
	 */
	public void setErrorType(@Nullable String errorType) {
		this.errorType = errorType;
	}

}
