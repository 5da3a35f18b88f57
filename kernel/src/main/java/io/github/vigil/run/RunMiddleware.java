package io.github.vigil.run;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import org.jspecify.annotations.Nullable;

/**
 * One capability in the run pipeline: it sees a run start and end, and each model call and tool call in between.
 * Every built-in capability (telemetry, guards, the hallucination check, alert windows, the run log) is one
 * middleware; an application adds its own through {@code Vigil.builder(...).middleware(...)} or, with the Spring
 * Boot starter, as a bean ({@code @Order} sets its place).
 * <p>
 * Order: the {@code before} hooks run in pipeline order and the {@code after} and {@code failed} hooks in reverse,
 * so each middleware wraps the ones after it, as decorators do. A {@code before} hook that answers or refuses
 * stops the call there: the later middleware and the model or tool are not called, and no {@code after} hook runs
 * for it. Because the {@code after} hooks of a streaming call run on the thread that completes the stream, the
 * pipeline is expressed as before/after pairs rather than as a chain to proceed on.
 * <p>
 * Every hook has a default that does nothing. A hook that throws is counted in {@code vigil.internal.errors},
 * logged once, and skipped: it never breaks the user's call and never stops the other middleware. To end a run,
 * a middleware calls {@link Run#end}; to refuse one tool call, it returns a result from {@link #beforeToolCall}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface RunMiddleware {

	/**
	 * Called when a run starts, before its first model call.
	 * @param run the run
	 */
	default void runStarted(Run run) {
	}

	/**
	 * Called before a model call goes out. The hook may {@linkplain ModelCall#request(dev.langchain4j.model.chat.request.ChatRequest)
	 * rewrite the request}, return an answer instead of calling the model, or {@linkplain Run#end end the run}.
	 * @param call the call
	 * @return the answer to give instead of calling the model, or {@code null} to go on
	 */
	default @Nullable ChatResponse beforeModelCall(ModelCall call) {
		return null;
	}

	/**
	 * Called when a model call returned.
	 * @param call the call
	 * @param response what the model answered (after the later middleware's hooks)
	 * @return the response to pass on; for a {@linkplain ModelCall#streaming() streaming} call the tokens have
	 * already reached the caller and a different response is ignored
	 */
	default ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		return response;
	}

	/**
	 * Called when a model call failed; the error then reaches the caller unchanged.
	 * @param call the call
	 * @param error what the model threw or reported
	 */
	default void modelCallFailed(ModelCall call, Throwable error) {
	}

	/**
	 * Called before a tool call runs, for tools the model invented too.
	 * @param call the call
	 * @return a result to give the model instead of running the tool (the call is refused), or {@code null} to
	 * run it
	 */
	default @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
		return null;
	}

	/**
	 * Called when a tool call returned; its {@linkplain ToolCall#errorType() outcome} is set.
	 * @param call the call
	 * @param result what the tool returned (after the later middleware's hooks)
	 * @return the result to give the model
	 */
	default ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
		return result;
	}

	/**
	 * Called when a tool call threw; the exception then goes on to LangChain4j's tool error handlers unchanged.
	 * @param call the call, with its outcome set
	 * @param error what the tool threw
	 */
	default void toolCallFailed(ToolCall call, Throwable error) {
	}

	/**
	 * Called when a step of another kind than a model or tool call starts (a retrieval, an embedding call, a
	 * guardrail check): its {@linkplain Step#kind() kind} says which. One pair of hooks for every such kind, so a
	 * kind added by a module adds no method here.
	 * @param step the step
	 */
	default void stepStarted(Step step) {
	}

	/**
	 * Called when a step of another kind than a model or tool call ended, with its outcome and facts set.
	 * @param step the step
	 */
	default void stepEnded(Step step) {
	}

	/**
	 * Called when a guard records a decision or ends the run, after the decision is logged.
	 * @param run the run
	 * @param trip the decision
	 */
	default void guardTripped(Run run, GuardTrip trip) {
	}

	/**
	 * Called when a sub-agent's invocation starts inside a multi-agent workflow run: {@code agent} is the nested run
	 * ({@link Run#parent()} is the workflow's), the parent of the sub-agent's steps. Planning steps are not agents
	 * and are not reported here.
	 * @param agent the nested run
	 */
	default void agentStarted(Run agent) {
	}

	/**
	 * Called when a sub-agent's invocation ends, with its record (its own tokens, calls and outcome). The workflow
	 * run goes on; its {@link #runEnded} comes once, when the workflow ends.
	 * @param agent the nested run
	 * @param record the sub-agent's share
	 */
	default void agentEnded(Run agent, RunRecord record) {
	}

	/**
	 * Called once when a run ends, whatever ended it, with its record.
	 * @param run the run
	 * @param record the finished run
	 */
	default void runEnded(Run run, RunRecord record) {
	}

}
