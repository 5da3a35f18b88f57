package io.github.vigil.grounding;

import java.math.BigDecimal;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A catalog entry.
 *
 * @param sku the stock-keeping unit
 * @param name the product's name as customers see it
 * @param price the price
 * @param currency the ISO 4217 currency code, such as {@code USD}; {@code null} when the catalog has one currency
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Product(String sku, String name, BigDecimal price, @Nullable String currency) {

	public Product {
		Objects.requireNonNull(sku, "sku must not be null");
		Objects.requireNonNull(name, "name must not be null");
		Objects.requireNonNull(price, "price must not be null");
	}

}
