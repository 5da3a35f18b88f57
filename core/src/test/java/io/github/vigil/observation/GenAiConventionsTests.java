package io.github.vigil.observation;

import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.cost.CostTests.AnthropicShapedUsage;
import io.github.vigil.cost.CostTests.UsageModel;
import io.github.vigil.metrics.Conventions;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Where the GenAI conventions renamed a meter or an attribute, the current name is recorded, and the previous one
 * beside it only with {@link Conventions#BOTH}, with the same values.
 */
class GenAiConventionsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final TestObservationRegistry observations = TestObservationRegistry.create();

	/** Two calls of 100 input tokens, 2,000 read from the cache and 500 written to it, and 30 output tokens. */
	private void runWith(Conventions conventions) {
		try (Vigil vigil = Vigil.builder(this.registry)
			.observationRegistry(this.observations)
			.conventions(conventions)
			.runLog(false)
			.build()) {
			AiServices.builder(Assistant.class)
				.chatModel(vigil.observe(
						new UsageModel("claude-sonnet-4-5", () -> new AnthropicShapedUsage(100, 30, 2_000, 500))))
				.tools(new SupportTools())
				.build()
				.chat("Where is ORD-1?");
		}
	}

	@Test
	void latestRecordsTheCurrentNamesOnly() {
		runWith(Conventions.LATEST);

		assertThat(counter("gen_ai.client.inference.usage.input_tokens")).isEqualTo(2 * (100 + 2_000 + 500));
		assertThat(counter("gen_ai.client.inference.usage.output_tokens")).isEqualTo(2 * 30);
		assertThat(counter("gen_ai.client.inference.usage.cache_read.input_tokens")).isEqualTo(2 * 2_000);
		assertThat(counter("gen_ai.client.inference.usage.cache_write.input_tokens")).isEqualTo(2 * 500);
		assertThat(this.registry.get("gen_ai.client.inference.operation.input_tokens").summary().count()).isEqualTo(2);
		assertThat(this.registry.get("gen_ai.client.operation.cost").summary().count()).isEqualTo(2);
		assertThat(this.registry.find("gen_ai.client.token.usage").meters()).isEmpty();
		assertThat(this.registry.find("gen_ai.client.cost").meters()).isEmpty();
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.chat")
			.that()
			.hasHighCardinalityKeyValue("gen_ai.usage.cache_write.input_tokens", "500")
			.doesNotHaveHighCardinalityKeyValueWithKey("gen_ai.usage.cache_creation.input_tokens");
	}

	@Test
	void bothRecordsThePreviousNamesBesideTheCurrentOnesWithTheSameValues() {
		runWith(Conventions.BOTH);

		assertThat(this.registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "input").summary()
			.totalAmount()).as("as the provider reported them, as before").isEqualTo(2 * 100);
		assertThat(this.registry.get("gen_ai.client.token.usage").tag("gen_ai.token.type", "output").summary()
			.totalAmount()).isEqualTo(counter("gen_ai.client.inference.usage.output_tokens"));
		assertThat(this.registry.get("gen_ai.client.cost").counter().count()).isCloseTo(
				this.registry.get("gen_ai.client.operation.cost").summary().totalAmount(), within(1e-12));
		TestObservationRegistryAssert.assertThat(this.observations)
			.hasObservationWithNameEqualTo("gen_ai.chat")
			.that()
			.hasHighCardinalityKeyValue("gen_ai.usage.cache_write.input_tokens", "500")
			.hasHighCardinalityKeyValue("gen_ai.usage.cache_creation.input_tokens", "500");
	}

	private double counter(String name) {
		return this.registry.get(name).counter().count();
	}

}
