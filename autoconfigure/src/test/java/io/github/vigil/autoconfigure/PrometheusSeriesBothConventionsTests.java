package io.github.vigil.autoconfigure;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The same application with {@code vigil.observations.conventions=both}: the scrape shows the current names and the
 * previous ones the reference lists, no more and no fewer.
 */
@SpringBootTest(classes = PrometheusSeriesTests.Application.class,
		webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.endpoints.web.exposure.include=prometheus",
				"management.tracing.sampling.probability=1.0", "vigil.alerts.evaluation-interval=1h",
				"vigil.cost.prices.scripted.input=1.00", "vigil.cost.prices.scripted.output=4.00",
				"vigil.observations.conventions=both" })
class PrometheusSeriesBothConventionsTests extends PrometheusSeriesTests {

	@Override
	Set<String> expected() throws Exception {
		Set<String> names = new TreeSet<>(documented(false));
		names.addAll(documented(true));
		return names;
	}

}
