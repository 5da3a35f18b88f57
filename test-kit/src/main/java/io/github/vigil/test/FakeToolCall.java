package io.github.vigil.test;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.github.vigil.run.ToolCall;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;

/**
 * A tool call of a {@link FakeRun}, as the {@link MiddlewareTester} makes it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class FakeToolCall extends FakeStep implements ToolCall {

	private final String tool;

	private final ToolExecutionRequest request;

	private final boolean invented;

	private volatile @Nullable String errorType;

	private volatile @Nullable String errorMessage;

	private volatile @Nullable String resultText;

	private volatile long durationNanos;

	FakeToolCall(@Nullable FakeRun run, String tool, ToolExecutionRequest request, boolean invented) {
		super(run);
		this.tool = tool;
		this.request = request;
		this.invented = invented;
	}

	@Override
	public String tool() {
		return this.tool;
	}

	@Override
	public ToolExecutionRequest request() {
		return this.request;
	}

	@Override
	public boolean invented() {
		return this.invented;
	}

	@Override
	public @Nullable String errorType() {
		return this.errorType;
	}

	@Override
	public @Nullable String errorMessage() {
		return this.errorMessage;
	}

	@Override
	public @Nullable String resultText() {
		return this.resultText;
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	void outcome(@Nullable String errorType, @Nullable String errorMessage, @Nullable String resultText, long nanos) {
		this.errorType = errorType;
		this.errorMessage = errorMessage;
		this.resultText = resultText;
		this.durationNanos = nanos;
	}

	ToolCallRecord record() {
		return new ToolCallRecord(this.tool, this.request.arguments(), this.errorType == null, this.durationNanos,
				this.errorType, this.errorMessage);
	}

}
