package io.github.vigil.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunSink;
import io.github.vigil.run.Step;
import io.github.vigil.run.ToolCall;
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

	/** Per hook, the middleware that implement it, in order, and their names: the others are not called. */
	private final RunMiddleware[][] implementing;

	private final String[][] names;

	private final InternalFailures failures;

	Chain(List<RunMiddleware> middleware, InternalFailures failures) {
		this.middleware = middleware.toArray(new RunMiddleware[0]);
		this.implementing = new RunMiddleware[Hook.values().length][];
		this.names = new String[Hook.values().length][];
		for (Hook hook : Hook.values()) {
			List<RunMiddleware> those = new ArrayList<>();
			List<String> named = new ArrayList<>();
			for (RunMiddleware each : this.middleware) {
				if (hook.implementedBy(each)) {
					those.add(each);
					named.add(componentName(each));
				}
			}
			this.implementing[hook.ordinal()] = those.toArray(new RunMiddleware[0]);
			this.names[hook.ordinal()] = named.toArray(new String[0]);
		}
		this.failures = failures;
	}

	List<RunMiddleware> middleware() {
		return List.of(this.middleware);
	}

	InternalFailures failures() {
		return this.failures;
	}

	/**
	 * Calls a hook on each middleware that implements it, first to last.
	 * @param hook the hook
	 * @param call the call of it
	 */
	void forward(Hook hook, Consumer<RunMiddleware> call) {
		RunMiddleware[] those = this.implementing[hook.ordinal()];
		for (int i = 0; i < those.length; i++) {
			try {
				call.accept(those[i]);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[hook.ordinal()][i], ex);
			}
		}
	}

	/**
	 * Calls a hook on each middleware that implements it, last to first.
	 * @param hook the hook
	 * @param call the call of it
	 */
	void reverse(Hook hook, Consumer<RunMiddleware> call) {
		RunMiddleware[] those = this.implementing[hook.ordinal()];
		for (int i = those.length - 1; i >= 0; i--) {
			try {
				call.accept(those[i]);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[hook.ordinal()][i], ex);
			}
		}
	}

	/**
	 * Asks each middleware that implements a hook in turn, first to last, for an answer, and stops at the first
	 * answer, or when the interruption has one after a middleware was asked.
	 * @param <T> the answer's type
	 * @param hook the hook
	 * @param call the call of it
	 * @param interruption an answer that replaces the rest, when a middleware has interrupted
	 * @return the first answer, or {@code null}
	 */
	<T> @Nullable T firstAnswer(Hook hook, Function<RunMiddleware, @Nullable T> call,
			Supplier<@Nullable T> interruption) {
		RunMiddleware[] those = this.implementing[hook.ordinal()];
		for (int i = 0; i < those.length; i++) {
			T answer;
			try {
				answer = call.apply(those[i]);
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[hook.ordinal()][i], ex);
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
	 * Passes a value through each middleware that implements a hook, last to first.
	 * @param <T> the value's type
	 * @param value the value
	 * @param hook the hook
	 * @param call the call of it, returning the value to pass on, or {@code null} to pass on the current one
	 * @param replaceable whether a middleware may replace the value
	 * @return the value the first middleware returned
	 */
	<T> T reverse(T value, Hook hook, BiFunction<RunMiddleware, T, @Nullable T> call, boolean replaceable) {
		T current = value;
		RunMiddleware[] those = this.implementing[hook.ordinal()];
		for (int i = those.length - 1; i >= 0; i--) {
			try {
				T next = call.apply(those[i], current);
				if (next != null && replaceable) {
					current = next;
				}
			}
			catch (RuntimeException ex) {
				this.failures.record(this.names[hook.ordinal()][i], ex);
			}
		}
		return current;
	}

	/**
	 * The hooks of {@link RunMiddleware}. A middleware implements one when its class, or an interface it has
	 * between it and {@link RunMiddleware}, declares the method; one that keeps {@link RunMiddleware}'s default is
	 * not called for it, which is what the default would have done.
	 */
	enum Hook {

		RUN_STARTED("runStarted", Run.class),
		BEFORE_MODEL_CALL("beforeModelCall", ModelCall.class),
		AFTER_MODEL_CALL("afterModelCall", ModelCall.class, ChatResponse.class),
		MODEL_CALL_FAILED("modelCallFailed", ModelCall.class, Throwable.class),
		BEFORE_TOOL_CALL("beforeToolCall", ToolCall.class),
		AFTER_TOOL_CALL("afterToolCall", ToolCall.class, ToolExecutionResult.class),
		TOOL_CALL_FAILED("toolCallFailed", ToolCall.class, Throwable.class),
		STEP_STARTED("stepStarted", Step.class),
		STEP_ENDED("stepEnded", Step.class),
		GUARD_TRIPPED("guardTripped", Run.class, GuardTrip.class),
		AGENT_STARTED("agentStarted", Run.class),
		AGENT_ENDED("agentEnded", Run.class, RunRecord.class),
		RUN_ENDED("runEnded", Run.class, RunRecord.class);

		private final String method;

		private final Class<?>[] parameters;

		Hook(String method, Class<?>... parameters) {
			this.method = method;
			this.parameters = parameters;
		}

		boolean implementedBy(RunMiddleware middleware) {
			try {
				return middleware.getClass().getMethod(this.method, this.parameters)
					.getDeclaringClass() != RunMiddleware.class;
			}
			catch (NoSuchMethodException | SecurityException ex) {
				// not found as expected: called, as every hook was
				return true;
			}
		}

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
