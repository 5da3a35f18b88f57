package io.github.vigil.test;

import java.util.Objects;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Usage;
import org.jspecify.annotations.Nullable;

/**
 * A model call of a {@link FakeRun}, as the {@link MiddlewareTester} makes it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class FakeModelCall extends FakeStep implements ModelCall {

	private ChatRequest request;

	private final String operation;

	private final boolean nested;

	private final @Nullable ChatModel model;

	private volatile Usage usage = Usage.MISSING;

	private volatile long durationNanos;

	private volatile @Nullable String errorType;

	FakeModelCall(@Nullable FakeRun run, ChatRequest request, String operation, boolean nested,
			@Nullable ChatModel model) {
		super(run);
		this.request = request;
		this.operation = operation;
		this.nested = nested;
		this.model = model;
	}

	@Override
	public ChatRequest request() {
		return this.request;
	}

	@Override
	public void request(ChatRequest request) {
		this.request = Objects.requireNonNull(request, "request must not be null");
	}

	@Override
	public String requestModel() {
		String name = this.request.modelName();
		return (name != null) ? name : "unknown";
	}

	@Override
	public @Nullable ChatRequestParameters defaults() {
		return null;
	}

	@Override
	public @Nullable ModelProvider provider() {
		return ModelProvider.OTHER;
	}

	@Override
	public String operation() {
		return this.operation;
	}

	@Override
	public boolean nested() {
		return this.nested;
	}

	@Override
	public boolean streaming() {
		return false;
	}

	@Override
	public @Nullable ChatModel model() {
		return this.model;
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	@Override
	public @Nullable String errorType() {
		return this.errorType;
	}

	@Override
	public Usage usage() {
		return this.usage;
	}

	@Override
	public long timeToFirstChunkNanos() {
		return -1;
	}

	@Override
	public int chunks() {
		return 0;
	}

	void returned(Usage usage, long nanos) {
		this.usage = usage;
		this.durationNanos = nanos;
	}

	void failed(String errorType, long nanos) {
		this.errorType = errorType;
		this.durationNanos = nanos;
	}

}
