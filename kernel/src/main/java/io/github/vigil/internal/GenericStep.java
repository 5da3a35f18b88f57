package io.github.vigil.internal;

import io.github.vigil.internal.Chain.Hook;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Step;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.StepRecord;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;

/**
 * The kernel's step of another kind than a model or tool call: it ends once, and its end goes through the chain and
 * into its run's record.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class GenericStep extends ActiveStep implements OpenStep {

	private final Chain chain;

	private final BiConsumer<@Nullable ActiveRun, Throwable> thrown;

	private final @Nullable Step parent;

	private final StepKind kind;

	private final String name;

	private volatile long startNanos = System.nanoTime();

	private final AtomicBoolean ended = new AtomicBoolean();

	private volatile long durationNanos;

	private volatile @Nullable String errorType;

	private volatile @Nullable String errorMessage;

	private volatile @Nullable String input;

	GenericStep(@Nullable ActiveRun run, @Nullable Step parent, Chain chain, BiConsumer<@Nullable ActiveRun, Throwable> thrown,
			StepKind kind, String name) {
		super(run);
		this.thrown = thrown;
		this.parent = parent;
		this.chain = chain;
		this.kind = kind;
		this.name = name;
	}

	@Override
	public @Nullable Step parent() {
		return this.parent;
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
	public long startNanos() {
		return this.startNanos;
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
	public void startedAt(long nanoTime) {
		this.startNanos = nanoTime;
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
	public void succeeded() {
		end(null, null);
	}

	@Override
	public void failed(String errorType, @Nullable String message) {
		end((errorType != null) ? errorType : ErrorTypes.OTHER, message);
	}

	@Override
	public void failed(Throwable error) {
		failed(error, ErrorTypes.of(error));
	}

	@Override
	public void failed(Throwable error, String errorType) {
		end((errorType != null) ? errorType : ErrorTypes.of(error),
				(error.getMessage() != null) ? error.getMessage() : error.getClass().getName());
		if (!(error instanceof Exception)) {
			this.thrown.accept(activeRun(), error);
		}
	}

	private void end(@Nullable String errorType, @Nullable String message) {
		if (!this.ended.compareAndSet(false, true)) {
			return;
		}
		this.durationNanos = System.nanoTime() - this.startNanos;
		this.errorType = errorType;
		this.errorMessage = message;
		ActiveRun run = activeRun();
		if (run != null) {
			run.addStep(new StepRecord(this.kind, this.name, Math.max(0, this.startNanos - run.startNanos()),
					this.durationNanos, errorType, message, facts()));
		}
		this.chain.reverse(Hook.STEP_ENDED, (middleware) -> middleware.stepEnded(this));
	}

}
