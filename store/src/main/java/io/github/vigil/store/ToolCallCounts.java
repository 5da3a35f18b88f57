package io.github.vigil.store;

import java.time.Instant;

/**
 * Calls and failures of a tool in one slice of time.
 *
 * @param start the slice's start
 * @param calls calls that started in the slice
 * @param errors those that failed
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ToolCallCounts(Instant start, long calls, long errors) {
}
