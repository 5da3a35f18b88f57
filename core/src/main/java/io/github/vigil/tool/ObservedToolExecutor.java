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
 * invocation id. Exceptions pass through unchanged, so LangChain4j's error handlers still apply.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedToolExecutor implements ToolExecutor {

	private final ToolExecutor delegate;

	private final String toolName;

	private final ToolCallRecorder recorder;

	private final Runs runs;

	public ObservedToolExecutor(ToolExecutor delegate, String toolName, ToolCallRecorder recorder, Runs runs) {
		this.delegate = delegate;
		this.toolName = toolName;
		this.recorder = recorder;
		this.runs = runs;
	}

	@Override
	public ToolExecutionResult executeWithContext(ToolExecutionRequest request,
			@Nullable InvocationContext context) {
		Run run = (context != null && context.invocationId() != null) ? this.runs.get(context.invocationId()) : null;
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
