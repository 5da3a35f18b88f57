/**
 * Evals: scorers that say whether a run was good (resolved or escalated, tools that worked, an answer backed by
 * evidence, no guard kill), online scoring of production runs off the user's thread, the business's ground truth
 * attached as feedback, the weekly resolution trend and its alert, and offline evals of a dataset in the build, with
 * a baseline gate.
 */
@NullMarked
package io.github.vigil.eval;

import org.jspecify.annotations.NullMarked;
