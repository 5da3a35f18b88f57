/**
 * The two-agent path: a triage agent routes each request to the orders agent or the refunds agent, built with
 * LangChain4j's agentic module and observed by Vigil as one run.
 */
@NullMarked
package io.github.vigil.sample.workflow;

import org.jspecify.annotations.NullMarked;
