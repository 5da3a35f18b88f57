package io.github.vigil.test;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import io.github.vigil.run.Facts;
import io.github.vigil.run.Run;
import io.github.vigil.run.Step;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What the fake steps share: their run, state, facts and observation.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
abstract class FakeStep implements Step {

	private final @Nullable FakeRun run;

	private final Map<Class<?>, Object> states = Collections.synchronizedMap(new IdentityHashMap<>());

	private volatile Facts facts = Facts.NONE;

	private volatile Observation observation = Observation.NOOP;

	private final long startNanos = System.nanoTime();

	FakeStep(@Nullable FakeRun run) {
		this.run = run;
	}

	/** The step starts when it is made. */
	@Override
	public long startNanos() {
		return this.startNanos;
	}

	@Override
	public @Nullable Run run() {
		return this.run;
	}

	@Nullable FakeRun fakeRun() {
		return this.run;
	}

	@Override
	@SuppressWarnings("unchecked")
	public <T> T state(Class<T> type, Supplier<? extends T> initial) {
		return (T) this.states.computeIfAbsent(type, (key) -> initial.get());
	}

	@Override
	public <T> @Nullable T state(Class<T> type) {
		return type.cast(this.states.get(type));
	}

	@Override
	public <T> @Nullable T fact(Class<T> type) {
		return this.facts.get(type);
	}

	@Override
	public synchronized void fact(Object fact) {
		this.facts = this.facts.with(Objects.requireNonNull(fact, "fact must not be null"));
	}

	@Override
	public Facts facts() {
		return this.facts;
	}

	@Override
	public void observation(Observation observation) {
		this.observation = observation;
	}

	@Override
	public Observation observation() {
		return this.observation;
	}

}
