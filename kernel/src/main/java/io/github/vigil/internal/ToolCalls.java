package io.github.vigil.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.internal.Chain.Hook;
import io.github.vigil.tool.ErrorTypes;
import io.github.vigil.tool.ToolOutcomes;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Tool calls through the chain: the {@code before} hooks (which may refuse the call or end the run), the tool, its
 * classified outcome, and the {@code after} or {@code failed} hooks. Exceptions the tool throws pass through
 * unchanged, so LangChain4j's error handlers still apply. Also the tools AI services offered, for replay.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ToolCalls {

	static final String NOT_EXECUTED = "This tool call was not executed: the run was ended by a guard.";

	private static final int MAX_OFFERED_TOOLS = 1000;

	private final Pipeline pipeline;

	private final Chain chain;

	private final ToolOutcomes outcomes;

	/** The latest executor of each tool AI services offered, for replay. */
	private final Map<String, ToolExecutor> offered = new ConcurrentHashMap<>();

	ToolCalls(Pipeline pipeline, Chain chain, ToolOutcomes outcomes) {
		this.pipeline = pipeline;
		this.chain = chain;
		this.outcomes = outcomes;
	}

	ToolOutcomes outcomes() {
		return this.outcomes;
	}

	ToolExecutionResult execute(@Nullable ActiveRun run, String tool, ToolExecutionRequest request, boolean invented,
			Function<ToolExecutionRequest, ToolExecutionResult> invocation) {
		return execute(run, tool, request, invented, null, invocation);
	}

	/**
	 * Runs a tool call through the chain.
	 * @param server the MCP server that serves the tool, {@code null} for the application's own tool; LangChain4j's
	 * MCP client reports a result its server flagged as an error by throwing exceptions that hold only the server's
	 * message: such a failure is a {@code tool_error}, the tool's own report, not an exception of the application's
	 */
	ToolExecutionResult execute(@Nullable ActiveRun run, String tool, ToolExecutionRequest request, boolean invented,
			McpServers.@Nullable Server server, Function<ToolExecutionRequest, ToolExecutionResult> invocation) {
		if (run != null && run.ending() != null) {
			return notExecuted();
		}
		ToolStep step = new ToolStep(run, tool, request, invented);
		step.server((server != null) ? server.key() : null);
		step.timeoutText((server != null) ? server.timeoutText() : null);
		ToolExecutionResult refused = this.chain.firstAnswer(Hook.BEFORE_TOOL_CALL,
				(middleware) -> middleware.beforeToolCall(step),
				() -> (run != null && run.ending() != null) ? notExecuted() : null);
		if (refused != null) {
			return refused;
		}
		long start = System.nanoTime();
		step.started(start);
		ToolExecutionResult result;
		try (Observation.Scope scope = step.observation().openScope()) {
			result = invocation.apply(request);
		}
		catch (RuntimeException | Error ex) {
			failed(step, ex, System.nanoTime() - start, server != null && reportedByTheTool(ex));
			this.pipeline.thrown(run, ex);
			throw ex;
		}
		return returned(step, result, System.nanoTime() - start, true);
	}

	/**
	 * Records a tool call seen only after it ran (a tool added to the run while it went on): the before hooks see
	 * it (a loop it trips ends the run before the next model call), then its outcome. It cannot be refused.
	 */
	void seenAfter(ActiveRun run, String tool, ToolExecutionRequest request, ToolExecutionResult result, long nanos) {
		ToolStep step = new ToolStep(run, tool, request, false);
		step.started(System.nanoTime() - nanos);
		this.chain.forward(Hook.BEFORE_TOOL_CALL, (middleware) -> middleware.beforeToolCall(step));
		returned(step, result, nanos, false);
	}

	private ToolExecutionResult returned(ToolStep step, ToolExecutionResult result, long nanos, boolean replaceable) {
		try {
			String text = text(result);
			String errorType = this.outcomes.classify(step.tool(), text);
			if (errorType == null && step.invented()) {
				errorType = ErrorTypes.OTHER;
			}
			else if (errorType == null && text != null && text.equals(step.timeoutText())) {
				// the MCP client's own answer when its server did not answer in time
				errorType = ErrorTypes.TIMEOUT;
			}
			else if (errorType == null && result != null && result.isError()) {
				errorType = ErrorTypes.TOOL_ERROR;
			}
			step.outcome(nanos, errorType, (errorType != null) ? ToolOutcomes.describe(errorType, text) : null, text);
			ActiveRun run = step.activeRun();
			if (run != null) {
				run.addToolCall(step.record());
			}
		}
		catch (RuntimeException ex) {
			this.chain.failures().record("tool-call", ex);
		}
		return this.chain.reverse(result, Hook.AFTER_TOOL_CALL,
				(middleware, current) -> middleware.afterToolCall(step, current),
				replaceable);
	}

	/** A failure that holds only a message at its root: the tool's own report, not a failure of the call. */
	private static boolean reportedByTheTool(Throwable error) {
		Throwable root = error;
		for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 12; depth++) {
			root = root.getCause();
		}
		return root.getClass() == RuntimeException.class || root.getClass() == ToolExecutionException.class;
	}

	private void failed(ToolStep step, Throwable error, long nanos, boolean reported) {
		try {
			Throwable cause = (error instanceof ToolExecutionException && error.getCause() != null) ? error.getCause()
					: error;
			step.outcome(nanos, reported ? ErrorTypes.TOOL_ERROR : ErrorTypes.of(error),
					(cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName(), null);
			ActiveRun run = step.activeRun();
			if (run != null) {
				run.addToolCall(step.record());
			}
		}
		catch (RuntimeException ex) {
			this.chain.failures().record("tool-call", ex);
		}
		this.chain.reverse(Hook.TOOL_CALL_FAILED, (middleware) -> middleware.toolCallFailed(step, error));
	}

	@Nullable ToolExecutor offered(String tool) {
		return this.offered.get(tool);
	}

	void offer(String tool, ToolExecutor executor) {
		if (this.offered.size() < MAX_OFFERED_TOOLS || this.offered.containsKey(tool)) {
			this.offered.put(tool, executor);
		}
	}

	static ToolExecutionResult notExecuted() {
		return ToolExecutionResult.builder().isError(true).resultText(NOT_EXECUTED).build();
	}

	private static @Nullable String text(@Nullable ToolExecutionResult result) {
		if (result == null) {
			return "";
		}
		try {
			String text = result.resultText();
			return (text != null) ? text : "";
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
