/**
 * The kernel's implementation: the run pipeline and its attachment to LangChain4j (observed chat models, the
 * AI-service context, observed tool executors). Not API: types here may change in any release.
 */
@NullMarked
package io.github.vigil.internal;

import org.jspecify.annotations.NullMarked;

