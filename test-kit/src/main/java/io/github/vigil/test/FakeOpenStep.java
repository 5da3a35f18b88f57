package io.github.vigil.test;

import io.github.vigil.run.OpenStep;
import io.github.vigil.run.StepKind;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;

/**
 * A step of another kind of a {@link FakeRun}; ending it runs the middleware's {@code stepEnded} hook.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class FakeOpenStep extends FakeStep implements OpenStep {

	private volatile @Nullable String input;

	private final StepKind kind;

	private final String name;

	private final Runnable ended;

	private volatile long startNanos = System.nanoTime();

	private volatile boolean done;

	private volatile long durationNanos;

	private volatile @Nullable String errorType;

	private volatile @Nullable String errorMessage;

	FakeOpenStep(@Nullable FakeRun run, StepKind kind, String name, Runnable ended) {
		super(run);
		this.kind = kind;
		this.name = name;
		this.ended = ended;
	}

	@Override
	public StepKind kind() {
		return this.kind;
	}

	@Override
	public String name() {
		return this.name;
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
	public @Nullable String errorMessage() {
		return this.errorMessage;
	}

	@Override
	public void succeeded() {
		end(null, null);
	}

	@Override
	public void failed(String errorType, @Nullable String message) {
		end(errorType, message);
	}

	@Override
	public void failed(Throwable error) {
		end(ErrorTypes.of(error), error.getMessage());
	}

	@Override
	public void startedAt(long nanoTime) {
		this.startNanos = nanoTime;
	}

	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public void input(@Nullable String input) {
		this.input = input;
	}

	@Override
	public @Nullable String input() {
		return this.input;
	}

	@Override
	public void failed(Throwable error, String errorType) {
		end(errorType, error.getMessage());
	}

	private synchronized void end(@Nullable String errorType, @Nullable String message) {
		if (this.done) {
			return;
		}
		this.done = true;
		this.durationNanos = System.nanoTime() - this.startNanos;
		this.errorType = errorType;
		this.errorMessage = message;
		this.ended.run();
	}

}
