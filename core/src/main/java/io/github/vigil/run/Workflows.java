package io.github.vigil.run;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

/**
 * Where an integration with a multi-agent framework reports a workflow's invocation, so that it is one run with
 * its sub-agents nested in it: the workflow starts and ends a run; each sub-agent's AI-service call, started on a
 * thread between {@link #agentEntering} and {@link #agentLeft}, is a nested run of it; other AI-service calls on the
 * workflow's own thread (a supervisor's planner) are its planning steps. A workflow is identified by a key of the
 * integration's (an agentic scope), compared by identity.
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
	 * @param input what the workflow was asked, {@code null} when it is not text
	 */
	void started(Object key, String name, @Nullable String runId, @Nullable String userId, @Nullable String input);

	/**
	 * Says that a sub-agent is about to be invoked on this thread.
	 * @param key the workflow invocation
	 * @param agent the sub-agent's name
	 */
	void agentEntering(Object key, String agent);

	/**
	 * Says that the sub-agent invoked on this thread returned or threw.
	 * @param key the workflow invocation
	 */
	void agentLeft(Object key);

	/**
	 * Ends the workflow's run with its result, on the thread that started it.
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
	 * Sets what a workflow's planning step answers once a guard has ended the workflow gracefully, so that the
	 * framework's planner stops instead of failing on a refused call: a "done" decision carrying the graceful
	 * answer, in the planner's own format.
	 * @param answer the AI-service interface's name and the graceful answer in, the planning step's answer out;
	 * {@code null} out for a planner it does not know (its call then fails with {@code RunKilledException})
	 */
	void planningEndAnswer(BiFunction<String, String, @Nullable String> answer);

}
