package io.github.vigil.cost;

import org.jspecify.annotations.Nullable;

/**
 * Prices per model. Declare a bean of this type (or pass one to {@code Vigil.builder(...).modelPrices(...)}) to
 * price models from a source of your own; {@link PriceTable} is the shipped table.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface ModelPrices {

	/**
	 * Returns a model's price.
	 * @param model the model name as requested or as the provider answered, such as {@code gpt-4o-mini-2024-07-18}
	 * @return the price, {@code null} when the model is not priced: its calls cost nothing and are counted
	 */
	@Nullable ModelPrice price(String model);

	/**
	 * Returns the ISO 4217 currency of the prices.
	 * @return the currency code
	 */
	String currency();

}
