package io.github.vigil.sample.agent;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;

/**
 * The order-lookup support agent.
 */
public interface SupportAgent {

	@SystemMessage("""
			You are the support assistant of Trailhead Outfitters, an online outdoor shop. Help customers with their
			orders: look orders up, cancel orders that have not shipped, request refunds for delivered orders. Use the
			tools; never guess an order's status, total or dates. When a tool fails or you cannot help, apologize and
			escalate to a human colleague. Help pages are under https://shop.example.com/help/.""")
	String chat(@MemoryId String conversationId, @UserMessage String message, InvocationParameters parameters);

}
