/**
 * The run store and triage: every finished run with its steps, written off the user's thread; the on-call questions
 * (which tool, which error, since when, one user or many) answered from it; and replay of a failing call.
 */
@NullMarked
package io.github.vigil.store;

import org.jspecify.annotations.NullMarked;
