package io.github.vigil.store;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A conversation (the runs of one chat memory) as the store has it.
 *
 * @param memoryId the chat memory id
 * @param userId the user of its latest run
 * @param runs how many runs it has
 * @param failed how many of them did not complete
 * @param firstAt when its first run started
 * @param lastAt when its latest run started
 * @param tokens its runs' tokens
 * @param cost its runs' cost, {@code null} when none was priced
 * @author Vigil contributors
 * @since 0.1.0
 */
public record SessionSummary(String memoryId, String userId, long runs, long failed, Instant firstAt, Instant lastAt,
		long tokens, @Nullable BigDecimal cost) {
}
