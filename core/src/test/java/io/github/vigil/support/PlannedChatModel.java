package io.github.vigil.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/**
 * A chat model that follows a plan per run: for the n-th call of a run (counted from its user message) it asks
 * for the tool the plan names, or answers when the plan has none. Each call reports the given tokens.
 */
public final class PlannedChatModel implements ChatModel {

	private final IntFunction<ToolExecutionRequest> plan;

	private final int inputTokens;

	private final int outputTokens;

	private final AtomicInteger requests = new AtomicInteger();

	public PlannedChatModel(IntFunction<ToolExecutionRequest> plan, int inputTokens, int outputTokens) {
		this.plan = plan;
		this.inputTokens = inputTokens;
		this.outputTokens = outputTokens;
	}

	/** Asks for the same lookup with the same arguments forever. */
	public static PlannedChatModel identicalLoop() {
		return new PlannedChatModel((n) -> lookup("ORD-1"), 100, 10);
	}

	/** Asks for the lookup forever, with different arguments each time. */
	public static PlannedChatModel varyingLoop() {
		return new PlannedChatModel((n) -> lookup("ORD-" + n), 100, 10);
	}

	/** Looks up three different orders, then answers. */
	public static PlannedChatModel threeOrders() {
		return new PlannedChatModel((n) -> (n <= 3) ? lookup("ORD-" + n) : null, 100, 10);
	}

	public static ToolExecutionRequest lookup(String id) {
		return ToolExecutionRequest.builder()
			.id("call-" + id + "-" + System.nanoTime())
			.name("lookupOrder")
			.arguments("{\"id\": \"" + id + "\"}")
			.build();
	}

	public int requests() {
		return this.requests.get();
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		this.requests.incrementAndGet();
		List<ChatMessage> messages = request.messages();
		int call = 0;
		for (int i = messages.size() - 1; i >= 0 && !(messages.get(i) instanceof UserMessage); i--) {
			if (messages.get(i) instanceof AiMessage) {
				call++;
			}
		}
		ToolExecutionRequest next = this.plan.apply(call + 1);
		AiMessage answer = (next != null) ? AiMessage.from(next) : AiMessage.from("Done after " + (call + 1));
		return ChatResponse.builder()
			.aiMessage(answer)
			.modelName("planned-1")
			.tokenUsage(new TokenUsage(this.inputTokens, this.outputTokens))
			.build();
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return ChatRequestParameters.builder().modelName("planned").build();
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OPEN_AI;
	}

}
