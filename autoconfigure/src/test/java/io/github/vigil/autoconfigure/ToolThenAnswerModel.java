package io.github.vigil.autoconfigure;

import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;

/**
 * The in-memory model the end-to-end tests share: on a user message it asks for one tool, after the tool's result it
 * answers; every call reports the same token usage.
 */
final class ToolThenAnswerModel implements ChatModel {

	private final String tool;

	private final String arguments;

	private final String answer;

	private final TokenUsage usage;

	ToolThenAnswerModel(String tool, String arguments, String answer, TokenUsage usage) {
		this.tool = tool;
		this.arguments = arguments;
		this.answer = answer;
		this.usage = usage;
	}

	@Override
	public ChatResponse doChat(ChatRequest request) {
		List<ChatMessage> messages = request.messages();
		AiMessage reply = (messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage)
				? AiMessage.from(this.answer)
				: AiMessage.from(ToolExecutionRequest.builder()
					.id("call-1")
					.name(this.tool)
					.arguments(this.arguments)
					.build());
		return ChatResponse.builder().aiMessage(reply).tokenUsage(this.usage).build();
	}

}
