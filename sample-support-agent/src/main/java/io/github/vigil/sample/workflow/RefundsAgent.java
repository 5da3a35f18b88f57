package io.github.vigil.sample.workflow;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * Handles refund requests.
 */
public interface RefundsAgent {

	@UserMessage("{{message}}")
	@Agent(name = "refunds", description = "Requests refunds for delivered orders", outputKey = "reply")
	String refund(@V("message") String message);

}
