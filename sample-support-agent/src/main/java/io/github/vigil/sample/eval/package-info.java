/**
 * The eval command: last week's conversations, with the support team's handoff records as ground truth, answered
 * again by a candidate prompt with the recorded tool results, scored and gated against the baseline.
 */
@NullMarked
package io.github.vigil.sample.eval;

import org.jspecify.annotations.NullMarked;
