/**
 * LangChain4j's input and output guardrails as steps of their runs: each guardrail that ran, with its result, its
 * latency and the extra model calls its retries and reprompts caused.
 */
@NullMarked
package io.github.vigil.guardrail;

import org.jspecify.annotations.NullMarked;
