package io.github.vigil.grounding;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the hallucination proxy found in a run's answer and did about it.
 *
 * @param flags the unbacked items of the answer, empty when it was clean
 * @param action {@code flagged}, {@code reprompted} or {@code blocked}; {@code null} when the answer was clean
 * @param repromptFlags the unbacked items still in the answer the model gave when asked once more
 * @param flaggedAnswer the answer that was flagged, before any action
 * @author Vigil contributors
 * @since 0.1.0
 */
public record GroundingOutcome(List<Flag> flags, @Nullable String action, List<Flag> repromptFlags,
		@Nullable String flaggedAnswer) {

	/** The outcome of a clean answer. */
	public static final GroundingOutcome CLEAN = new GroundingOutcome(List.of(), null, List.of(), null);

	public GroundingOutcome {
		flags = List.copyOf(flags);
		repromptFlags = List.copyOf(repromptFlags);
	}

}
