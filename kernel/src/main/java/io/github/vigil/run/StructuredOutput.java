package io.github.vigil.run;

/**
 * Marks a run whose AI-service method returns structured output (a record, a list, an enum, a number...) that
 * LangChain4j parses from the model's answer: published on the run when it starts, so that the parsing's success or
 * failure can be judged for these runs only.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum StructuredOutput {

	/** The run's method returns structured output. */
	EXPECTED

}
