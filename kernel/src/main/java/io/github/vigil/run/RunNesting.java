package io.github.vigil.run;

import dev.langchain4j.invocation.InvocationContext;
import org.jspecify.annotations.Nullable;

/**
 * In which workflow an AI-service call is nested, as a multi-agent framework's integration knows it: the kernel asks
 * as each AI-service call starts, on the thread that makes it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunNesting {

	/**
	 * Says in which workflow an AI-service call is nested.
	 * @param invocation the AI-service call
	 * @return where it is nested, {@code null} when it is a run of its own
	 */
	@Nullable Nested nestedIn(InvocationContext invocation);

	/**
	 * Where an AI-service call is nested.
	 *
	 * @param workflow the key of the workflow invocation (as given to {@link Workflows#started})
	 * @param agent the sub-agent's name, or the workflow's for a planning step
	 * @param planning whether the call is a planning step of the workflow (a supervisor's planner) rather than a
	 * sub-agent's call
	 */
	record Nested(Object workflow, String agent, boolean planning) {
	}

}
