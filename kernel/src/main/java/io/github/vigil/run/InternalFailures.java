package io.github.vigil.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where failures inside Vigil go: a sink, a classifier or a listener that throws never breaks the user's call. Each
 * failure is counted in {@code vigil.internal.errors{component}} and the first one per component is logged at WARN.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class InternalFailures {

	private static final Logger logger = LoggerFactory.getLogger(InternalFailures.class);

	private final MeterRegistry registry;

	private final Set<String> logged = ConcurrentHashMap.newKeySet();

	public InternalFailures(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Records that a Vigil component failed.
	 * @param component bounded component name, such as {@code run-sink} or {@code tool-classifier}
	 * @param failure what it threw
	 */
	public void record(String component, Throwable failure) {
		try {
			Counter.builder(MeterNames.INTERNAL_ERRORS)
				.description("Failures inside Vigil that were kept away from the caller")
				.tag(TagKeys.COMPONENT, component)
				.register(this.registry)
				.increment();
			if (this.logged.add(component)) {
				logger.warn("Vigil component '{}' failed; the call went on unaffected. Later failures of this "
						+ "component are only counted in {}", component, MeterNames.INTERNAL_ERRORS, failure);
			}
		}
		catch (RuntimeException ignored) {
			// the last line of defence must not throw either
		}
	}

}
