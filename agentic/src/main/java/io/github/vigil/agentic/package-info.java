/**
 * Multi-agent workflows built with LangChain4j's agentic module ({@code AgenticServices}) observed as one run per
 * workflow invocation, with each sub-agent's invocation nested in it.
 */
@NullMarked
package io.github.vigil.agentic;

import org.jspecify.annotations.NullMarked;
