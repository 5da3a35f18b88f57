package io.github.vigil.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An application version on an instance, as its runs show it: when it served its first run (about when it started)
 * and its latest.
 *
 * @param version the version, {@code null} when the runs did not say
 * @param instance the instance
 * @param firstSeen its first run in the range
 * @param lastSeen its latest run in the range
 * @param runs how many runs it served in the range
 * @author Vigil contributors
 * @since 0.1.0
 */
public record VersionSeen(@Nullable String version, String instance, Instant firstSeen, Instant lastSeen,
		long runs) {
}
