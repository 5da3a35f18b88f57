package io.github.vigil.support;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

/**
 * An in-memory chat model: on a user message it asks for one tool call (chosen from the message), after a tool
 * result it answers with the result. Each call reports 10 input and 5 output tokens.
 */
public final class ScriptedChatModel implements ChatModel {

	public static final int INPUT_TOKENS = 10;

	public static final int OUTPUT_TOKENS = 5;

	private final Function<String, ToolExecutionRequest> toolChoice;

	private final AtomicInteger calls = new AtomicInteger();

	private volatile RuntimeException failure;

	public ScriptedChatModel(Function<String, ToolExecutionRequest> toolChoice) {
		this.toolChoice = toolChoice;
	}

	/** Calls the tool named by the first word of the user message with the rest as argument. */
	public static ScriptedChatModel firstWordIsTool() {
		return new ScriptedChatModel((text) -> {
			String[] parts = text.split(" ", 2);
			if (parts[0].equals("none")) {
				return null;
			}
			return ToolExecutionRequest.builder()
				.id("call-" + System.nanoTime())
				.name(parts[0])
				.arguments("{\"id\":\"" + ((parts.length > 1) ? parts[1] : "") + "\"}")
				.build();
		});
	}

	public void failWith(RuntimeException failure) {
		this.failure = failure;
	}

	public int calls() {
		return this.calls.get();
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		this.calls.incrementAndGet();
		if (this.failure != null) {
			throw this.failure;
		}
		List<ChatMessage> messages = request.messages();
		ChatMessage last = messages.get(messages.size() - 1);
		AiMessage answer;
		if (last instanceof UserMessage user) {
			ToolExecutionRequest toolRequest = this.toolChoice.apply(user.singleText());
			answer = (toolRequest != null) ? AiMessage.from(toolRequest) : AiMessage.from("No tool needed.");
		}
		else if (last instanceof ToolExecutionResultMessage result) {
			answer = AiMessage.from("Result: " + result.text());
		}
		else {
			answer = AiMessage.from("?");
		}
		return ChatResponse.builder()
			.aiMessage(answer)
			.modelName("scripted-model-2026-01-01")
			.tokenUsage(new TokenUsage(INPUT_TOKENS, OUTPUT_TOKENS))
			.finishReason(answer.hasToolExecutionRequests() ? FinishReason.TOOL_EXECUTION : FinishReason.STOP)
			.build();
	}

	@Override
	public ChatRequestParameters defaultRequestParameters() {
		return ChatRequestParameters.builder().modelName("scripted-model").build();
	}

	@Override
	public ModelProvider provider() {
		return ModelProvider.OPEN_AI;
	}

}
