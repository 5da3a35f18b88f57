package io.github.vigil.grounding;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A flagged answer waiting for a human. It holds user content: keep the review queue's endpoint private.
 *
 * @param runId the run
 * @param userId the user the run served
 * @param agent the agent
 * @param time when the run started
 * @param answerExcerpt the flagged answer, truncated and redacted like the run log
 * @param flags the unbacked items
 * @param action what was done: {@code flagged}, {@code reprompted} or {@code blocked}
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Review(String runId, String userId, String agent, Instant time, @Nullable String answerExcerpt,
		List<Flag> flags, String action) {
}
