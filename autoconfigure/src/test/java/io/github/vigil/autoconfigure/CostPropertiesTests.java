package io.github.vigil.autoconfigure;

import java.math.BigDecimal;

import io.github.vigil.Vigil;
import io.github.vigil.cost.CostMeter;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Prices from {@code application.yml}: over the shipped table, and a start-up failure naming the property for any
 * price or currency that cannot be right.
 */
class CostPropertiesTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(VigilAutoConfiguration.class))
		.withPropertyValues("vigil.alerts.enabled=false");

	@Test
	void pricesFromPropertiesJoinTheShippedTable() {
		this.runner.withPropertyValues("vigil.cost.prices.llama3.input=0.10", "vigil.cost.prices.llama3.output=0.20",
				"vigil.cost.prices[gpt-4.1].input=1.00", "vigil.cost.prices[gpt-4.1].output=4.00").run((context) -> {
					CostMeter cost = context.getBean(Vigil.class).middleware(CostMeter.class).orElseThrow();
					assertThat(cost.prices().price("llama3:8b").input()).isEqualByComparingTo("0.10");
					assertThat(cost.prices().price("gpt-4.1-2025-04-14").output()).isEqualByComparingTo("4.00");
					assertThat(cost.prices().price("gpt-4o-mini")).isNotNull();
					assertThat(cost.prices().currency()).isEqualTo("USD");
				});
	}

	@Test
	void aNegativePriceFailsAtStartNamingTheProperty() {
		this.runner.withPropertyValues("vigil.cost.prices.gpt-4o.input=-1", "vigil.cost.prices.gpt-4o.output=10")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("vigil.cost.prices.gpt-4o.input must not be negative, was -1"));
	}

	@Test
	void aPriceThatIsNotANumberFailsAtStartNamingTheProperty() {
		this.runner.withPropertyValues("vigil.cost.prices.gpt-4o.input=cheap", "vigil.cost.prices.gpt-4o.output=10")
			.run((context) -> assertThat(context.getStartupFailure()).hasStackTraceContaining("vigil.cost.prices")
				.hasStackTraceContaining("cheap"));
	}

	@Test
	void anUnknownCurrencyFailsAtStartNamingTheProperty() {
		this.runner.withPropertyValues("vigil.cost.currency=DOLLARS")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessage("vigil.cost.currency: 'DOLLARS' is not an ISO 4217 currency code"));
	}

	@Test
	void aBudgetInMoneyIsPositive() {
		this.runner.withPropertyValues("vigil.guard.budget.max-cost=0.50").run((context) -> assertThat(
				context.getBean(GuardProperties.class).getBudget().toPolicy().maxCost())
			.isEqualByComparingTo(new BigDecimal("0.50")));
		this.runner.withPropertyValues("vigil.guard.budget.max-cost=-2")
			.run((context) -> assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("vigil.guard.budget.max-cost must be positive"));
	}

}
