package io.github.vigil.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Usage;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's {@link ModelCall}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ModelStep extends ActiveStep implements ModelCall {

	private final @Nullable ChatRequestParameters defaults;

	private final @Nullable ModelProvider provider;

	private final String operation;

	private final boolean nested;

	private final boolean streaming;

	private final @Nullable ChatModel model;

	private ChatRequest request;

	private @Nullable String requestModel;

	private long startNanos;

	private long durationNanos;

	private volatile Usage usage = Usage.MISSING;

	private volatile @Nullable String errorType;

	private volatile long firstChunkNanos = -1;

	private final AtomicInteger chunks = new AtomicInteger();

	private static final AtomicIntegerFieldUpdater<ModelStep> ENDED = AtomicIntegerFieldUpdater
		.newUpdater(ModelStep.class, "ended");

	private volatile int ended;

	ModelStep(@Nullable ActiveRun run, ChatRequest request, @Nullable ChatRequestParameters defaults,
			@Nullable ModelProvider provider, String operation, boolean nested, boolean streaming,
			@Nullable ChatModel model) {
		super(run);
		this.request = request;
		this.defaults = defaults;
		this.provider = provider;
		this.operation = operation;
		this.nested = nested;
		this.streaming = streaming;
		this.model = model;
	}

	@Override
	public ChatRequest request() {
		return this.request;
	}

	@Override
	public void request(ChatRequest request) {
		if (request == null) {
			throw new IllegalArgumentException("request must not be null");
		}
		this.request = request;
		this.requestModel = null;
	}

	@Override
	public String requestModel() {
		String name = this.requestModel;
		if (name == null) {
			name = this.request.modelName();
			if (name == null && this.defaults != null) {
				name = this.defaults.modelName();
			}
			name = (name != null) ? name : TagKeys.UNKNOWN;
			this.requestModel = name;
		}
		return name;
	}

	@Override
	public @Nullable ChatRequestParameters defaults() {
		return this.defaults;
	}

	@Override
	public @Nullable ModelProvider provider() {
		return this.provider;
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
		return this.streaming;
	}

	@Override
	public @Nullable ChatModel model() {
		return this.model;
	}

	@Override
	public @Nullable String errorType() {
		return this.errorType;
	}

	void errorType(String errorType) {
		this.errorType = errorType;
	}

	@Override
	public long durationNanos() {
		return this.durationNanos;
	}

	@Override
	public Usage usage() {
		return this.usage;
	}

	void usage(Usage usage) {
		this.usage = usage;
	}

	@Override
	public long timeToFirstChunkNanos() {
		long first = this.firstChunkNanos;
		return (first < 0) ? -1 : first - this.startNanos;
	}

	@Override
	public int chunks() {
		return this.chunks.get();
	}

	void chunk() {
		if (this.chunks.getAndIncrement() == 0) {
			this.firstChunkNanos = System.nanoTime();
		}
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

	void started() {
		this.startNanos = System.nanoTime();
	}

	/**
	 * Ends the call, once: a stream that reports its end twice (LangChain4j calls {@code onError} again when the
	 * handler it called first throws) is measured and heard of once.
	 * @return whether this was the call's end, {@code false} when it had ended already
	 */
	boolean end() {
		if (!ENDED.compareAndSet(this, 0, 1)) {
			return false;
		}
		this.durationNanos = System.nanoTime() - this.startNanos;
		return true;
	}

}
