package io.github.vigil.run;

import org.jspecify.annotations.Nullable;

/**
 * Where an integration with a multi-agent framework reports a workflow's invocation, so that it is one run with its
 * sub-agents nested in it: the workflow starts and ends a run, and the integration's {@link RunNesting} tells the
 * kernel, for each AI-service call, whether it is nested in a workflow and as what (a sub-agent's call or a
 * planning step). A workflow is identified by a key of the integration's (an agentic scope), compared by identity.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Workflows {

	/**
	 * Starts the run of a workflow invocation, on the thread that invokes it.
	 * @param key what identifies the invocation
	 * @param name the workflow's name: the run's agent
	 * @param runId the run's id, {@code null} for a new one
	 * @param userId the user, {@code null} for anonymous
	 * @param input the user's message, {@code null} when there is none as text
	 */
	void started(Object key, String name, @Nullable String runId, @Nullable String userId, @Nullable String input);

	/**
	 * Ends the workflow's run with its result.
	 * @param key the workflow invocation
	 * @param output the result as text, {@code null} when there is none
	 */
	void completed(Object key, @Nullable String output);

	/**
	 * Ends the workflow's run with what it threw.
	 * @param key the workflow invocation
	 * @param error the failure, unwrapped from the framework's own exceptions
	 */
	void failed(Object key, Throwable error);

	/**
	 * Tells whether a workflow's run is still going: it may have been ended otherwise than by its framework
	 * (abandoned), and the integration can then forget what it kept for it.
	 * @param key the workflow invocation
	 * @return whether its run is in flight
	 */
	boolean running(Object key);

	/**
	 * Sets how the kernel learns in which workflow an AI-service call is nested: asked as each call starts.
	 * @param nesting the integration's answer
	 */
	void nesting(RunNesting nesting);

}
