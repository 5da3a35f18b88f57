package io.github.vigil.cost;

import java.math.BigDecimal;

/**
 * What one model call cost, from its usage and the price table: a fact of the call.
 *
 * @param amount the cost
 * @param currency its ISO 4217 currency code
 * @author Vigil contributors
 * @since 0.1.0
 */
public record CallCost(BigDecimal amount, String currency) {
}
