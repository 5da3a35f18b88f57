package io.github.vigil.agentic;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agentic.Agent;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.V;

/** The agents, tools and in-memory model of the workflow specifications: a triage agent and an orders agent. */
final class Desk {

	private Desk() {
	}

	public interface Triage {

		@dev.langchain4j.service.UserMessage("Classify this support request as ORDER or REFUND: {{request}}")
		@Agent(name = "triage", description = "Classifies a support request", outputKey = "category")
		String classify(@V("request") String request);

	}

	public interface Orders {

		@dev.langchain4j.service.UserMessage("Answer the {{category}} request: {{request}}")
		@Agent(name = "orders", description = "Answers questions about orders", outputKey = "answer")
		String answer(@V("category") String category, @V("request") String request);

	}

	public interface Refunds {

		@dev.langchain4j.service.UserMessage("Handle the refund request: {{request}}")
		@Agent(description = "Handles refunds", outputKey = "answer")
		String refund(@V("request") String request);

	}

	/** The orders backend: a lookup that works, or answers an HTML error page. */
	public static final class OrderTools {

		final AtomicInteger lookups = new AtomicInteger();

		volatile boolean broken;

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			this.lookups.incrementAndGet();
			return this.broken ? "<!DOCTYPE html><title>410 Gone</title>" : "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

	}

	/**
	 * Classifies by the request's words, looks an order up (once more after an error page, then it gives up: two
	 * identical calls per invocation, never enough for the loop guard on its own), answers from the result; each
	 * call reports 20 input and 5 output tokens.
	 */
	static final class Model implements ChatModel {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public ChatResponse doChat(ChatRequest request) {
			this.calls.incrementAndGet();
			List<ChatMessage> messages = request.messages();
			ChatMessage last = messages.get(messages.size() - 1);
			AiMessage reply;
			if (last instanceof ToolExecutionResultMessage result) {
				long tried = messages.stream().filter(ToolExecutionResultMessage.class::isInstance).count();
				reply = !result.text().startsWith("<") ? AiMessage.from("Your order " + result.text() + " is on its way.")
						: (tried < 2) ? lookup(messages.size()) : AiMessage.from("Sorry, the orders system is down.");
			}
			else {
				String text = ((UserMessage) last).singleText();
				if (text.startsWith("Classify")) {
					reply = AiMessage.from(text.toLowerCase().contains("refund") ? "REFUND" : "ORDER");
				}
				else if (text.startsWith("Handle the refund")) {
					reply = AiMessage.from("Your refund is on its way.");
				}
				else {
					reply = lookup(messages.size());
				}
			}
			return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(20, 5)).build();
		}

		private static AiMessage lookup(int n) {
			return AiMessage.from(ToolExecutionRequest.builder()
				.id("call-" + n)
				.name("lookupOrder")
				.arguments("{\"id\":\"ORD-1\"}")
				.build());
		}

	}

}
