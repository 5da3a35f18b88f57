/**
 * Retrieval as a step of its run: every {@code ContentRetriever} call, embedding-model call and embedding-store
 * search Vigil observes is a step with its outcome ({@code empty}, {@code below_threshold},
 * {@code dimension_mismatch} included), its scores and its sources, and what a retrieval found backs the run's
 * answers in the grounding check.
 */
@NullMarked
package io.github.vigil.retrieval;

import org.jspecify.annotations.NullMarked;
