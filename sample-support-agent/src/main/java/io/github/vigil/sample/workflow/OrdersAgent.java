package io.github.vigil.sample.workflow;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * Answers questions about orders: where they are, cancelling them.
 */
public interface OrdersAgent {

	@UserMessage("{{message}}")
	@Agent(name = "orders", description = "Looks orders up and cancels them", outputKey = "reply")
	String answer(@V("message") String message);

}
