package io.github.vigil.run;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.model.output.TokenUsage;
import org.jspecify.annotations.Nullable;

/**
 * The tokens of one model call as its provider reported them, in detail: input, output, cache reads and writes, and
 * reasoning. LangChain4j's providers report the details in subclasses of {@link TokenUsage} (OpenAI's
 * {@code prompt_tokens_details.cached_tokens} and {@code completion_tokens_details.reasoning_tokens}, Anthropic's
 * {@code cache_read_input_tokens} and {@code cache_creation_input_tokens}); they are read by name, so Vigil needs no
 * provider module.
 * <p>
 * OpenAI counts cached tokens inside the input tokens and reasoning tokens inside the output tokens; Anthropic counts
 * cache reads and writes beside the input tokens. {@link #uncachedInput()} is the input billed at the full price
 * either way.
 *
 * @param state whether the provider reported usage, and whether it was believable
 * @param input input tokens as reported
 * @param output output tokens as reported (reasoning included)
 * @param cacheRead input tokens read from the provider's prompt cache
 * @param cacheCreation input tokens written to the provider's prompt cache
 * @param reasoning output tokens spent on reasoning
 * @param cacheInInput whether {@code input} includes {@code cacheRead} and {@code cacheCreation} (OpenAI) or not
 * (Anthropic)
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Usage(State state, long input, long output, long cacheRead, long cacheCreation, long reasoning,
		boolean cacheInInput) {

	/** Tokens one model call may report at most; more is not believed. */
	public static final long MAX_TOKENS_PER_CALL = 10_000_000;

	/** A call whose provider reported no usage. */
	public static final Usage MISSING = new Usage(State.MISSING, 0, 0, 0, 0, 0, true);

	/** A call whose provider reported usage that cannot be true (negative, or over {@link #MAX_TOKENS_PER_CALL}). */
	public static final Usage INVALID = new Usage(State.INVALID, 0, 0, 0, 0, 0, true);

	private static final Map<Class<?>, Details> details = new ConcurrentHashMap<>();

	/**
	 * Reads the usage of a response.
	 * @param usage the response's token usage, {@code null} when the provider reported none
	 * @return the usage; {@link #MISSING} or {@link #INVALID} when it cannot be used
	 */
	public static Usage of(@Nullable TokenUsage usage) {
		if (usage == null || (usage.inputTokenCount() == null && usage.outputTokenCount() == null)) {
			return MISSING;
		}
		Details read = details.computeIfAbsent(usage.getClass(), Details::of);
		long input = count(usage.inputTokenCount());
		long output = count(usage.outputTokenCount());
		long cacheRead = count(read.cacheRead(usage));
		long cacheCreation = count(read.cacheCreation(usage));
		long reasoning = count(read.reasoning(usage));
		if (input < 0 || output < 0 || cacheRead < 0 || cacheCreation < 0 || reasoning < 0
				|| input + cacheRead + cacheCreation > MAX_TOKENS_PER_CALL || output > MAX_TOKENS_PER_CALL
				|| (read.cacheInInput && cacheRead + cacheCreation > input) || reasoning > output) {
			return INVALID;
		}
		return new Usage(State.REPORTED, input, output, cacheRead, cacheCreation, reasoning, read.cacheInInput);
	}

	private static long count(@Nullable Integer count) {
		return (count != null) ? count : 0;
	}

	/**
	 * Returns whether the provider reported believable usage.
	 * @return whether the counts can be used
	 */
	public boolean reported() {
		return this.state == State.REPORTED;
	}

	/**
	 * Returns the input tokens billed at the full input price: the input without the cache reads and writes.
	 * @return the tokens
	 */
	public long uncachedInput() {
		return this.cacheInInput ? Math.max(0, this.input - this.cacheRead - this.cacheCreation) : this.input;
	}

	/**
	 * Returns every input token: the uncached input, cache reads and cache writes.
	 * @return the tokens
	 */
	public long totalInput() {
		return this.cacheInInput ? this.input : this.input + this.cacheRead + this.cacheCreation;
	}

	/** Whether a call's usage can be used. */
	public enum State {

		/** Reported and believable. */
		REPORTED,

		/** Not reported: the call's tokens and cost are unknown, not zero. */
		MISSING,

		/** Reported, but negative or beyond any real call: treated as unknown, and counted. */
		INVALID

	}

	/** How a provider's usage class reports its details. */
	private record Details(@Nullable Method cacheReadMethod, @Nullable Method cacheCreationMethod,
			@Nullable Method inputDetails, @Nullable Method cachedTokens, @Nullable Method outputDetails,
			@Nullable Method reasoningTokens, boolean cacheInInput) {

		static Details of(Class<?> type) {
			Method cacheRead = method(type, "cacheReadInputTokens");
			Method cacheCreation = method(type, "cacheCreationInputTokens");
			Method inputDetails = method(type, "inputTokensDetails");
			Method outputDetails = method(type, "outputTokensDetails");
			Method cached = (inputDetails != null) ? method(inputDetails.getReturnType(), "cachedTokens") : null;
			Method reasoning = (outputDetails != null) ? method(outputDetails.getReturnType(), "reasoningTokens") : null;
			return new Details(cacheRead, cacheCreation, inputDetails, cached, outputDetails, reasoning,
					cacheRead == null);
		}

		private static @Nullable Method method(Class<?> type, String name) {
			try {
				Method method = type.getMethod(name);
				return (method.getParameterCount() == 0) ? method : null;
			}
			catch (NoSuchMethodException | SecurityException ex) {
				return null;
			}
		}

		@Nullable Integer cacheRead(TokenUsage usage) {
			if (this.cacheReadMethod != null) {
				return integer(this.cacheReadMethod, usage);
			}
			return nested(this.inputDetails, this.cachedTokens, usage);
		}

		@Nullable Integer cacheCreation(TokenUsage usage) {
			return (this.cacheCreationMethod != null) ? integer(this.cacheCreationMethod, usage) : null;
		}

		@Nullable Integer reasoning(TokenUsage usage) {
			return nested(this.outputDetails, this.reasoningTokens, usage);
		}

		private static @Nullable Integer nested(@Nullable Method outer, @Nullable Method inner, TokenUsage usage) {
			if (outer == null || inner == null) {
				return null;
			}
			try {
				Object details = outer.invoke(usage);
				return (details != null) ? integer(inner, details) : null;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

		private static @Nullable Integer integer(Method method, Object target) {
			try {
				Object value = method.invoke(target);
				return (value instanceof Number number) ? number.intValue() : null;
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return null;
			}
		}

	}

}
