/**
 * The test kit for middleware authors: a fake run and its steps, and a tester that drives a middleware's hooks in the
 * order the kernel does, so a guard is specified in a few lines without an AI service or a model.
 */
@NullMarked
package io.github.vigil.test;

import org.jspecify.annotations.NullMarked;
