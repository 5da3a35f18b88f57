package io.github.vigil.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ToolExecutor} whose calls go through the run pipeline, attributed to their run by the invocation id.
 * Each method calls the delegate's method of the same signature, and exceptions pass through unchanged, so
 * LangChain4j's error handlers still apply.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ObservedToolExecutor implements ToolExecutor {

	private final ToolExecutor delegate;

	private final String toolName;

	private final Pipeline pipeline;

	/** The MCP server when the executor is LangChain4j's MCP client's, else {@code null}. */
	private final McpServers.@Nullable Server server;

	/**
	 * Creates the decorator.
	 * @param delegate the executor
	 * @param toolName the tool's name
	 * @param pipeline the pipeline its calls go through
	 */
	public ObservedToolExecutor(ToolExecutor delegate, String toolName, Pipeline pipeline) {
		this.delegate = delegate;
		this.toolName = toolName;
		this.pipeline = pipeline;
		this.server = pipeline.attachment().namesMcpServers() ? McpServers.of(delegate) : null;
		pipeline.toolCalls().offer(toolName, delegate);
	}

	@Override
	public ToolExecutionResult executeWithContext(ToolExecutionRequest request,
			@Nullable InvocationContext context) {
		ActiveRun run = (context != null) ? this.pipeline.registry().get(context.invocationId()) : null;
		return this.pipeline.toolCalls().execute(run, this.toolName, request, false, this.server,
				(sent) -> this.delegate.executeWithContext(sent, context));
	}

	@Override
	public String execute(ToolExecutionRequest request, Object memoryId) {
		Returned returned = new Returned();
		ToolExecutionResult result = this.pipeline.toolCalls().execute(null, this.toolName, request, false,
				this.server, (sent) -> {
			returned.text = this.delegate.execute(sent, memoryId);
			returned.result = ToolExecutionResult.builder()
				.resultText((returned.text != null) ? returned.text : "")
				.build();
			return returned.result;
		});
		return (result == returned.result) ? returned.text : result.resultText();
	}

	/** What the delegate returned, as it returned it. */
	private static final class Returned {

		@Nullable String text;

		@Nullable ToolExecutionResult result;

	}

}
