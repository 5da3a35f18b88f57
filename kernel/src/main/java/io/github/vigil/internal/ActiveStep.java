package io.github.vigil.internal;

import java.util.Objects;
import java.util.function.Supplier;

import io.github.vigil.run.Facts;
import io.github.vigil.run.Run;
import io.github.vigil.run.Step;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the kernel's steps share: their run, their typed state, their facts and their observation.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
abstract class ActiveStep implements Step {

	private final @Nullable ActiveRun run;

	private @Nullable States states;

	private Observation observation = Observation.NOOP;

	private volatile Facts facts = Facts.NONE;

	ActiveStep(@Nullable ActiveRun run) {
		this.run = run;
	}

	@Override
	public @Nullable Run run() {
		return this.run;
	}

	final @Nullable ActiveRun activeRun() {
		return this.run;
	}

	@Override
	public final <T> T state(Class<T> type, Supplier<? extends T> initial) {
		States current = this.states;
		if (current == null) {
			current = new States();
			this.states = current;
		}
		return current.get(type, initial);
	}

	@Override
	public final <T> @Nullable T state(Class<T> type) {
		States current = this.states;
		return (current != null) ? current.get(type) : null;
	}

	@Override
	public final <T> @Nullable T fact(Class<T> type) {
		return this.facts.get(type);
	}

	@Override
	public final synchronized void fact(Object fact) {
		this.facts = this.facts.with(Objects.requireNonNull(fact, "fact must not be null"));
	}

	@Override
	public final Facts facts() {
		return this.facts;
	}

	@Override
	public final void observation(Observation observation) {
		this.observation = observation;
	}

	@Override
	public final Observation observation() {
		return this.observation;
	}

}
