package io.github.vigil.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Typed state of a run or a step, one value per type, keyed by the type's identity. Reads take no lock; a new type
 * is added by swapping the array, so one value per type is kept even when steps race.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class States {

	private static final Object[] EMPTY = new Object[0];

	private static final VarHandle ENTRIES;

	static {
		try {
			ENTRIES = MethodHandles.lookup().findVarHandle(States.class, "entries", Object[].class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	/** Types at even indexes, their values after them. */
	private volatile Object[] entries = EMPTY;

	<T> @Nullable T get(Class<T> type) {
		Object[] current = this.entries;
		for (int i = 0; i < current.length; i += 2) {
			if (current[i] == type) {
				return type.cast(current[i + 1]);
			}
		}
		return null;
	}

	<T> T get(Class<T> type, Supplier<? extends T> initial) {
		T found = get(type);
		if (found != null) {
			return found;
		}
		T created = initial.get();
		if (created == null) {
			throw new IllegalStateException("the initial state of " + type.getName() + " must not be null");
		}
		while (true) {
			Object[] current = this.entries;
			for (int i = 0; i < current.length; i += 2) {
				if (current[i] == type) {
					return type.cast(current[i + 1]);
				}
			}
			Object[] next = Arrays.copyOf(current, current.length + 2);
			next[current.length] = type;
			next[current.length + 1] = created;
			if (ENTRIES.compareAndSet(this, current, next)) {
				return created;
			}
		}
	}

}
