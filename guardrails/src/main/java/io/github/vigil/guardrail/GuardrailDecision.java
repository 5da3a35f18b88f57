package io.github.vigil.guardrail;

import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;

/**
 * What a guardrail decided: published on its step.
 *
 * @param direction {@code input} (before the model is called) or {@code output} (on its answer)
 * @param result {@code success}, {@code failure}, {@code retry}, {@code reprompt} or {@code fatal}
 * @param extraModelCalls the model calls the decision caused: one for a retry or a reprompt, else none
 * @author Vigil contributors
 * @since 0.1.0
 */
public record GuardrailDecision(String direction, String result, int extraModelCalls) implements WrittenFact {

	/** A guardrail on the user's message. */
	public static final String INPUT = "input";

	/** A guardrail on the model's answer. */
	public static final String OUTPUT = "output";

	/** The guardrail let the message or answer through. */
	public static final String SUCCESS = "success";

	/** It refused it: the caller gets LangChain4j's guardrail exception. */
	public static final String FAILURE = "failure";

	/** It asked for the model to be called again. */
	public static final String RETRY = "retry";

	/** It asked for the model to be called again with a new prompt. */
	public static final String REPROMPT = "reprompt";

	/** It refused it and stopped the guardrails after it. */
	public static final String FATAL = "fatal";

	/**
	 * Returns whether the decision blocked what it guarded: a failure or a fatal result.
	 * @return whether it did
	 */
	public boolean blocked() {
		return FAILURE.equals(this.result) || FATAL.equals(this.result);
	}

	@Override
	public void write(FactWriter out) {
		out.field("direction", this.direction)
			.field("result", this.result)
			.field("extra_model_calls", this.extraModelCalls);
	}

}
