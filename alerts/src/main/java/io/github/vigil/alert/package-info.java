/**
 * Alerts evaluated in the application: tool error rate, latency against a weekly baseline, tail latency, run tokens
 * against their baseline, loops and context-window pressure.
 */
@NullMarked
package io.github.vigil.alert;

import org.jspecify.annotations.NullMarked;
