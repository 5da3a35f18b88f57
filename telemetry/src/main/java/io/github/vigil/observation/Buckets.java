package io.github.vigil.observation;

import java.time.Duration;
import java.util.Arrays;

/**
 * Histogram bucket boundaries from the OpenTelemetry GenAI bucket advice, so that {@code histogram_quantile} gives
 * p50, p95 and p99 in Prometheus.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class Buckets {

	/** Token counts: 1, 4, 16, ... 67,108,864. */
	public static final double[] TOKENS = { 1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304,
			16777216, 67108864 };

	/** Step latency (model and tool calls), in seconds: 0.01 to 81.92. */
	public static final Duration[] STEP_DURATION = seconds(0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12,
			10.24, 20.48, 40.96, 81.92);

	/** Run duration, in seconds: 0.1 to 409.6. */
	public static final Duration[] RUN_DURATION = seconds(0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4, 12.8, 25.6, 51.2, 102.4,
			204.8, 409.6);

	/** Time between streamed chunks, in seconds: the GenAI conventions' advice for time per output chunk. */
	public static final Duration[] CHUNK_INTERVAL = seconds(0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5,
			0.75, 1.0, 2.5);

	/** Tool calls per run. */
	public static final double[] TOOL_CALLS = { 1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50, 100 };

	/** Percentiles published client-side, so {@code /actuator/metrics} shows them too. */
	public static final double[] PERCENTILES = { 0.5, 0.95, 0.99 };

	private Buckets() {
	}

	private static Duration[] seconds(double... values) {
		return Arrays.stream(values).mapToObj((s) -> Duration.ofNanos(Math.round(s * 1_000_000_000d)))
			.toArray(Duration[]::new);
	}

}
