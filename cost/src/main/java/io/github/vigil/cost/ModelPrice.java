package io.github.vigil.cost;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

import io.github.vigil.run.Usage;
import org.jspecify.annotations.Nullable;

/**
 * What a model's tokens cost, per million tokens, in the price table's currency.
 *
 * @param input uncached input tokens
 * @param cachedInput input tokens read from the prompt cache; {@code null} to bill them as input
 * @param cacheWrite input tokens written to the prompt cache (Anthropic); {@code null} to bill them as input
 * @param output output tokens
 * @param reasoning reasoning tokens, where billed apart from output; {@code null} to bill them as output
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ModelPrice(BigDecimal input, @Nullable BigDecimal cachedInput, @Nullable BigDecimal cacheWrite,
		BigDecimal output, @Nullable BigDecimal reasoning) {

	private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

	public ModelPrice {
		Objects.requireNonNull(input, "input must not be null");
		Objects.requireNonNull(output, "output must not be null");
		requireNotNegative("input", input);
		requireNotNegative("cachedInput", cachedInput);
		requireNotNegative("cacheWrite", cacheWrite);
		requireNotNegative("output", output);
		requireNotNegative("reasoning", reasoning);
	}

	/**
	 * Creates a price of input and output tokens alone.
	 * @param input per million input tokens
	 * @param output per million output tokens
	 * @return the price
	 */
	public static ModelPrice of(String input, String output) {
		return new ModelPrice(new BigDecimal(input), null, null, new BigDecimal(output), null);
	}

	/**
	 * Creates a price with a cached-input rate.
	 * @param input per million uncached input tokens
	 * @param cachedInput per million cached input tokens
	 * @param output per million output tokens
	 * @return the price
	 */
	public static ModelPrice of(String input, String cachedInput, String output) {
		return new ModelPrice(new BigDecimal(input), new BigDecimal(cachedInput), null, new BigDecimal(output), null);
	}

	/**
	 * Returns this price with a cache-write rate.
	 * @param perMillion per million tokens written to the prompt cache
	 * @return the price
	 */
	public ModelPrice withCacheWrite(String perMillion) {
		return new ModelPrice(this.input, this.cachedInput, new BigDecimal(perMillion), this.output, this.reasoning);
	}

	/**
	 * Prices a model call's usage.
	 * @param usage the usage, {@linkplain Usage#reported() reported}
	 * @return the cost
	 */
	public BigDecimal cost(Usage usage) {
		BigDecimal total = rate(this.input, usage.uncachedInput())
			.add(rate((this.cachedInput != null) ? this.cachedInput : this.input, usage.cacheRead()))
			.add(rate((this.cacheWrite != null) ? this.cacheWrite : this.input, usage.cacheCreation()))
			.add(rate(this.output, usage.output() - usage.reasoning()))
			.add(rate((this.reasoning != null) ? this.reasoning : this.output, usage.reasoning()));
		return total.divide(MILLION, MathContext.DECIMAL64).stripTrailingZeros();
	}

	private static BigDecimal rate(BigDecimal perMillion, long tokens) {
		return (tokens > 0) ? perMillion.multiply(BigDecimal.valueOf(tokens)) : BigDecimal.ZERO;
	}

	private static void requireNotNegative(String name, @Nullable BigDecimal value) {
		if (value != null && value.signum() < 0) {
			throw new IllegalArgumentException(name + " price must not be negative, was " + value);
		}
	}

}
