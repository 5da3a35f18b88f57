/**
 * Guards that act on a run while it runs: the loop kill-switch, run budgets against a learned token baseline, and
 * the context-window guard that summarizes history before the window overflows.
 */
@NullMarked
package io.github.vigil.guard;

import org.jspecify.annotations.NullMarked;
