package io.github.vigil.sample.agent;

import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.UserMessage;

/**
 * The order-lookup support agent. Its system prompt is {@code prompts/<support.agent.prompt>.txt}: {@code current},
 * or {@code no-handover}, a worse variant the eval gate catches.
 */
public interface SupportAgent {

	String chat(@MemoryId String conversationId, @UserMessage String message, InvocationParameters parameters);

}
