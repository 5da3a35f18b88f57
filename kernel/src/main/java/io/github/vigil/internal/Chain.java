package io.github.vigil.internal;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunSink;
import org.jspecify.annotations.Nullable;

/**
 * The middleware in order, and the two ways of calling them, written once: forward (the {@code before} hooks and
 * the run's start) and in reverse (the {@code after} and {@code failed} hooks and the run's end), so that each
 * middleware wraps the ones after it. A hook that throws is counted under the middleware's name and skipped: it
 * never breaks the user's call and never stops the others.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Chain {

	private final RunMiddleware[] middleware;

	private final String[] names;

	private final InternalFailures failures;

	Chain(List<RunMiddleware> middleware, InternalFailures failures) {
		this.middleware = middleware.toArray(new RunMiddleware[0]);
		this.names = new String[this.middleware.length];
		for (int i = 0; i < this.middleware.length; i++) {
			this.names[i] = componentName(this.middleware[i]);
		}
		this.failures = failures;
	}

	List<RunMiddleware> middleware() {
		return List.of(this.middleware);
	}

	InternalFailures failures() {
		return this.failures;
	}

	/** Calls a hook of every middleware, in order. */
	void forward(Consumer<RunMiddleware> hook) {
		for (int i = 0; i < this.middleware.length; i++) {
			try {
				hook.accept(this.middleware[i]);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	/** Calls a hook of every middleware, in reverse order. */
	void reverse(Consumer<RunMiddleware> hook) {
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				hook.accept(this.middleware[i]);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
	}

	/**
	 * Calls a hook of every middleware in order until one answers, or until the interruption has an answer after a
	 * hook (a guard ended the run).
	 * @return the first answer, {@code null} when every middleware let the call go on
	 */
	<T> @Nullable T firstAnswer(Function<RunMiddleware, @Nullable T> hook, Supplier<@Nullable T> interruption) {
		for (int i = 0; i < this.middleware.length; i++) {
			T answer;
			try {
				answer = hook.apply(this.middleware[i]);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
				continue;
			}
			if (answer != null) {
				return answer;
			}
			answer = interruption.get();
			if (answer != null) {
				return answer;
			}
		}
		return null;
	}

	/**
	 * Passes a value through a hook of every middleware in reverse order, each receiving what the later ones
	 * returned; a {@code null} keeps the value, and a value that may not be replaced is only shown.
	 */
	<T> T reverse(T value, BiFunction<RunMiddleware, T, @Nullable T> hook, boolean replaceable) {
		T current = value;
		for (int i = this.middleware.length - 1; i >= 0; i--) {
			try {
				T next = hook.apply(this.middleware[i], current);
				if (next != null && replaceable) {
					current = next;
				}
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[i], ex);
			}
		}
		return current;
	}

	/**
	 * The bounded component name a middleware's failures are counted under: its class's simple name in kebab case,
	 * {@code middleware} for anonymous and lambda classes.
	 */
	static String componentName(RunMiddleware middleware) {
		String name = middleware.getClass().getSimpleName();
		int lambda = name.indexOf("$$");
		if (lambda >= 0) {
			name = name.substring(0, lambda);
		}
		if (name.isEmpty() || middleware.getClass().isSynthetic()) {
			return (middleware instanceof RunSink) ? "run-sink" : "middleware";
		}
		StringBuilder out = new StringBuilder(name.length() + 4);
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isUpperCase(c)) {
				if (i > 0) {
					out.append('-');
				}
				out.append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
