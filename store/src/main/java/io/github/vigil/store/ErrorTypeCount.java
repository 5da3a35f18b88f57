package io.github.vigil.store;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * How often one error type of a tool occurred, and when.
 *
 * @param type the bounded error type
 * @param count failures of that type
 * @param firstSeen the first of them
 * @param lastSeen the last of them
 * @param sampleMessage the message of one of them, truncated and redacted
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ErrorTypeCount(String type, long count, Instant firstSeen, Instant lastSeen,
		@Nullable String sampleMessage) {
}
