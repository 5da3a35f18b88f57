package io.github.vigil.observation;

import java.util.List;

import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.metrics.Conventions;
import io.github.vigil.run.Usage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * p50, p95 and p99 of every step are readable as {@code <name>.percentile} gauges, whatever registry the application
 * runs, and are registered exactly once: Micrometer ignores a second registration with a warning in the user's log.
 */
class PercentileGaugesTests {

	@Test
	void aSimpleRegistryShowsThePercentilesItRegistersItself() {
		SimpleMeterRegistry simple = new SimpleMeterRegistry();

		recordOneModelCall(simple);

		assertThat(percentileGauges(simple)).hasSize(3);
	}

	@Test
	void aPrometheusRegistryShowsThePercentilesAndScrapesThem() {
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

		recordOneModelCall(prometheus);

		assertThat(percentileGauges(prometheus)).hasSize(3);
		assertThat(prometheus.scrape()).contains("gen_ai_client_operation_duration_percentile_seconds{");
	}

	@Test
	void aCompositeOfSimpleAndPrometheusRegistersThePercentilesOnce() {
		SimpleMeterRegistry simple = new SimpleMeterRegistry();
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		CompositeMeterRegistry composite = new CompositeMeterRegistry();
		composite.add(simple);
		composite.add(prometheus);

		recordOneModelCall(composite);

		assertThat(percentileGauges(simple)).as("registered by the simple registry itself").hasSize(3);
		assertThat(percentileGauges(composite)).as("not registered a second time through the composite").isEmpty();
	}

	@Test
	void aCompositeOfPrometheusAloneGetsThePercentilesThroughTheComposite() {
		PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
		CompositeMeterRegistry composite = new CompositeMeterRegistry();
		composite.add(prometheus);

		recordOneModelCall(composite);

		assertThat(percentileGauges(prometheus)).hasSize(3);
	}

	private static void recordOneModelCall(MeterRegistry registry) {
		new StepMeters(registry, Conventions.LATEST).recordModelCall("chat", "Assistant", "openai", "gpt-4o-mini",
				"gpt-4o-mini-2024-07-18", "none", 120_000_000L, Usage.of(new TokenUsage(300, 40)));
	}

	private static List<Gauge> percentileGauges(MeterRegistry registry) {
		return List.copyOf(registry.find("gen_ai.client.operation.duration.percentile")
			.tag("gen_ai.agent.name", "Assistant")
			.gauges());
	}

}
