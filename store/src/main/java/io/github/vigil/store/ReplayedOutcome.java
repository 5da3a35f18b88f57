package io.github.vigil.store;

import org.jspecify.annotations.Nullable;

/**
 * What a tool call returned, recorded or replayed.
 *
 * @param outcome {@code success} or {@code error}
 * @param errorType bounded error type, {@code null} on success
 * @param resultExcerpt the start of the result, truncated and redacted
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ReplayedOutcome(String outcome, @Nullable String errorType, @Nullable String resultExcerpt) {
}
