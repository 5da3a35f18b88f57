/**
 * The hallucination proxy: every final answer of a run is checked for URLs, prices, people and identifiers that
 * neither the knowledge base, the catalog nor the run's own tool results and user messages back.
 */
@NullMarked
package io.github.vigil.grounding;

import org.jspecify.annotations.NullMarked;
