/**
 * The support agent: a LangChain4j AI service and the tools it calls over HTTP.
 */
@NullMarked
package io.github.vigil.sample.agent;

import org.jspecify.annotations.NullMarked;
