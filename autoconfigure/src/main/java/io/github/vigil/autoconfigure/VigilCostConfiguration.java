package io.github.vigil.autoconfigure;

import io.github.vigil.cost.ModelPrices;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** Cost: the application's {@link ModelPrices} bean, else the shipped price table with {@code vigil.cost.*}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnClass(name = "io.github.vigil.cost.CostMeter")
@EnableConfigurationProperties(CostProperties.class)
class VigilCostConfiguration {

	@Bean
	@Order(CustomizerOrder.CAPABILITY)
	VigilBuilderCustomizer vigilCostCustomizer(CostProperties cost, ObjectProvider<ModelPrices> modelPrices) {
		return (builder) -> builder.modelPrices(modelPrices.getIfAvailable(cost::toPriceTable));
	}

}
