package io.github.vigil.internal;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import io.github.vigil.run.ToolCall;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's {@link ToolCall}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ToolStep extends ActiveStep implements ToolCall {

	private final String tool;

	private final ToolExecutionRequest request;

	private final boolean invented;

	private @Nullable String errorType;

	private @Nullable String errorMessage;

	private @Nullable String resultText;

	private long startNanos;

	private long durationNanos;

	ToolStep(@Nullable ActiveRun run, String tool, ToolExecutionRequest request, boolean invented) {
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
	public long startNanos() {
		return this.startNanos;
	}

	void started(long nanos) {
		this.startNanos = nanos;
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	void outcome(long nanos, @Nullable String errorType, @Nullable String errorMessage, @Nullable String text) {
		this.durationNanos = nanos;
		this.errorType = errorType;
		this.errorMessage = errorMessage;
		this.resultText = text;
	}

	ToolCallRecord record() {
		return new ToolCallRecord(this.tool, this.request.arguments(), this.errorType == null, this.durationNanos,
				this.errorType, this.errorMessage, this.server);
	}

	private volatile @Nullable String server;

	private volatile @Nullable String timeoutText;

	void timeoutText(@Nullable String text) {
		this.timeoutText = text;
	}

	@Nullable String timeoutText() {
		return this.timeoutText;
	}

	void server(@Nullable String server) {
		this.server = server;
	}

	@Override
	public @Nullable String server() {
		return this.server;
	}

}
