package io.github.vigil.tool;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Run;
import io.github.vigil.run.Runs;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolExecutor} that records each call's latency, outcome and error type, attributed to its run by the
 * invocation id, after the run's guards allowed it. Exceptions pass through unchanged, so LangChain4j's error
 * handlers still apply.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedToolExecutor implements ToolExecutor {

	private final ToolExecutor delegate;

	private final String toolName;

	private final ToolCallRecorder recorder;

	private final Runs runs;

	private final ToolCallGate gate;

	/**
	 * Creates the decorator.
	 * @param delegate the executor
	 * @param toolName the tool's name
	 * @param recorder records the calls
	 * @param runs the runs in flight
	 * @param gate decides, before a call, whether it runs: {@code null} to run it, else the result to return instead
	 */
	public ObservedToolExecutor(ToolExecutor delegate, String toolName, ToolCallRecorder recorder, Runs runs,
			ToolCallGate gate) {
		this.delegate = delegate;
		this.toolName = toolName;
		this.recorder = recorder;
		this.runs = runs;
		this.gate = gate;
	}

	/**
	 * Decides whether a tool call of a run may execute.
	 */
	@FunctionalInterface
	public interface ToolCallGate {

		/**
		 * Decides.
		 * @param run the run
		 * @param request the model's request
		 * @return {@code null} to execute the tool, or the result to return instead
		 */
		@Nullable ToolExecutionResult apply(Run run, ToolExecutionRequest request);

	}

	@Override
	public ToolExecutionResult executeWithContext(ToolExecutionRequest request,
			@Nullable InvocationContext context) {
		Run run = (context != null && context.invocationId() != null) ? this.runs.get(context.invocationId()) : null;
		if (run != null) {
			ToolExecutionResult stopped = this.gate.apply(run, request);
			if (stopped != null) {
				return stopped;
			}
		}
		ToolCall call = this.recorder.start(this.toolName, request, run);
		ToolExecutionResult result;
		try (Observation.Scope scope = call.openScope()) {
			result = this.delegate.executeWithContext(request, context);
		}
		catch (RuntimeException | Error ex) {
			call.failed(ex);
			throw ex;
		}
		call.returned(result);
		return result;
	}

	@Override
	public String execute(ToolExecutionRequest request, Object memoryId) {
		ToolCall call = this.recorder.start(this.toolName, request, TagKeys.AGENT_NONE);
		String result;
		try (Observation.Scope scope = call.openScope()) {
			result = this.delegate.execute(request, memoryId);
		}
		catch (RuntimeException | Error ex) {
			call.failed(ex);
			throw ex;
		}
		call.returned(ToolExecutionResult.builder().resultText((result != null) ? result : "").build());
		return result;
	}

}
