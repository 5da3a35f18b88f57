package io.github.vigil.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.exception.ToolExecutionException;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
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
		if (run != null && run.ending() != null) {
			return notExecuted();
		}
		ToolStep step = new ToolStep(run, tool, request, invented);
		ToolExecutionResult refused = this.chain.firstAnswer((middleware) -> middleware.beforeToolCall(step),
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
			failed(step, ex, System.nanoTime() - start);
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
		this.chain.forward((middleware) -> middleware.beforeToolCall(step));
		returned(step, result, nanos, false);
	}

	private ToolExecutionResult returned(ToolStep step, ToolExecutionResult result, long nanos, boolean replaceable) {
		try {
			String text = text(result);
			String errorType = this.outcomes.classify(step.tool(), text);
			if (errorType == null && ((result != null && result.isError()) || step.invented())) {
				errorType = ErrorTypes.OTHER;
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
		return this.chain.reverse(result, (middleware, current) -> middleware.afterToolCall(step, current),
				replaceable);
	}

	private void failed(ToolStep step, Throwable error, long nanos) {
		try {
			Throwable cause = (error instanceof ToolExecutionException && error.getCause() != null) ? error.getCause()
					: error;
			step.outcome(nanos, ErrorTypes.of(error),
					(cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getName(), null);
			ActiveRun run = step.activeRun();
			if (run != null) {
				run.addToolCall(step.record());
			}
		}
		catch (RuntimeException ex) {
			this.chain.failures().record("tool-call", ex);
		}
		this.chain.reverse((middleware) -> middleware.toolCallFailed(step, error));
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
