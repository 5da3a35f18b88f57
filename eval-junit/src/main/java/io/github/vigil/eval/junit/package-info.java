/**
 * Offline evals as JUnit 5 tests: {@link io.github.vigil.eval.junit.EvalExtension} hands each test an
 * {@link io.github.vigil.eval.junit.EvalGate} that writes the eval's report and fails the test when a scorer drops
 * below the baseline.
 */
@NullMarked
package io.github.vigil.eval.junit;

import org.jspecify.annotations.NullMarked;
