package io.github.vigil.run;

import dev.langchain4j.invocation.InvocationContext;
import org.jspecify.annotations.Nullable;

/**
 * Where the integrations of other kinds of step (retrievals, embedding calls, guardrail checks) report them: a step
 * of a run, or of no run when it happens outside an AI service. Every middleware hears of it through
 * {@link RunMiddleware#stepStarted} and {@link RunMiddleware#stepEnded}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Steps {

	/**
	 * Returns the run of an AI-service call in flight.
	 * @param invocation LangChain4j's invocation context of the call, {@code null} when not known
	 * @return the run, {@code null} when none is in flight for it
	 */
	@Nullable Run run(@Nullable InvocationContext invocation);

	/**
	 * Starts a step.
	 * @param run the run it belongs to, {@code null} for a step outside any run
	 * @param kind its kind
	 * @param name its bounded name (the retriever's, the guardrail's)
	 * @return the step, to end once
	 */
	OpenStep start(@Nullable Run run, StepKind kind, String name);

	/**
	 * Starts a step inside another: of the same run, and its child in a trace.
	 * @param parent the step it runs inside of
	 * @param kind its kind
	 * @param name its bounded name
	 * @return the step, to end once
	 */
	OpenStep startInside(Step parent, StepKind kind, String name);

}
