package io.github.vigil.internal;

import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;

/**
 * How a guard ended a run.
 *
 * @param trip the decision
 * @param action {@link GuardAction#END} or {@link GuardAction#ERROR}
 * @param message the graceful answer
 * @author Vigil contributors
 * @since 0.1.0
 */
record Ending(GuardTrip trip, GuardAction action, String message) {
}
