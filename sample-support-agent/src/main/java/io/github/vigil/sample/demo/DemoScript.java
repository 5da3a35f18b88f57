package io.github.vigil.sample.demo;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.sample.agent.Policies;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * What the offline demo model says. It reads the conversation (order ids; cancel, refund, status, where-is and
 * human wording), calls tools, and answers from the tool results. Like the models in the incident, after a tool
 * error or an HTML page it apologizes and escalates, but sometimes retries the same failing tool instead (a loop);
 * now and then it quotes a link or a price nothing backs, and hands over a refund it could have requested itself. Under
 * the {@code no-handover} prompt it never hands over: it answers requests for a person itself and, after a tool
 * error, only apologizes. Its randomness is seeded by {@code support.demo.seed} and
 * the conversation itself, so a demo run is reproducible.
 */
@Component
public class DemoScript {

	static final String SUMMARY_INSTRUCTION_START = "Summarize the conversation";

	/** What the worse prompt variant says, which this model obeys: it never hands a customer over. */
	static final String NO_HANDOVER = "never hand the customer over";

	private static final Pattern ORDER_ID = Pattern.compile("ORD-\\d{5}");

	/** Where LangChain4j's default content injector puts what was retrieved in the user's message. */
	private static final String RETRIEVED = "Answer using the following information:";

	private final ObjectMapper json = new ObjectMapper();

	private final long seed;

	public DemoScript(@Value("${support.demo.seed:42}") long seed) {
		this.seed = seed;
	}

	/**
	 * A message of the conversation.
	 */
	record Message(String role, String content, @Nullable String toolName, @Nullable String toolArguments) {
	}

	/**
	 * The model's turn: a tool call or an answer.
	 */
	record Reply(@Nullable String content, @Nullable String toolName, @Nullable String toolArguments,
			long latencyMillis) {

		static Reply answer(String content, Random random) {
			return new Reply(content, null, null, 20 + random.nextInt(60));
		}

		static Reply call(String tool, String arguments, Random random) {
			return new Reply(null, tool, arguments, 15 + random.nextInt(40));
		}

	}

	Reply reply(List<Message> messages) {
		if (!messages.isEmpty() && messages.get(0).role().equals("system")
				&& messages.get(0).content().startsWith(SUMMARY_INSTRUCTION_START)) {
			return summary(messages);
		}
		int lastUser = -1;
		for (int i = messages.size() - 1; i >= 0 && lastUser < 0; i--) {
			if (messages.get(i).role().equals("user")) {
				lastUser = i;
			}
		}
		String question = (lastUser >= 0) ? messages.get(lastUser).content() : "";
		List<Message> turn = messages.subList(lastUser + 1, messages.size());
		Random random = new Random(this.seed ^ question.hashCode() * 31L ^ turn.size() * 1_000_003L
				^ messages.size() * 7919L);
		String orderId = orderId(messages, lastUser);
		boolean handsOver = messages.isEmpty() || !messages.get(0).role().equals("system")
				|| !messages.get(0).content().replaceAll("\\s+", " ").contains(NO_HANDOVER);
		if (turn.isEmpty()) {
			return firstStep(question, orderId, random, handsOver);
		}
		Message result = turn.get(turn.size() - 1);
		Message call = (turn.size() >= 2) ? turn.get(turn.size() - 2) : null;
		String tool = (call != null && call.toolName() != null) ? call.toolName() : "";
		if (tool.equals("escalateToHuman")) {
			String ticket = field(result.content(), "ticket");
			return Reply.answer("I'm sorry for the trouble. I've passed your request to a colleague"
					+ ((ticket != null) ? " (ticket " + ticket + ")" : "") + ", who will follow up by e-mail.", random);
		}
		if (unusable(result.content())) {
			long same = turn.stream()
				.filter((m) -> tool.equals(m.toolName()) && call.toolArguments().equals(m.toolArguments()))
				.count();
			boolean stubborn = question.toLowerCase(Locale.ROOT).contains("keep trying") || random.nextDouble() < 0.35;
			if (stubborn && same < 6) {
				return Reply.call(tool, call.toolArguments(), random);
			}
			if (!handsOver) {
				return Reply.answer("I'm sorry, I couldn't reach the orders system just now. Please try again later.",
						random);
			}
			return Reply.call("escalateToHuman", arguments("orderId", (orderId != null) ? orderId : "", "reason",
					"The " + tool + " tool failed: the orders system did not answer with order data."), random);
		}
		return answerFrom(tool, result.content(), orderId, random);
	}

	private Reply firstStep(String question, @Nullable String orderId, Random random, boolean handsOver) {
		int injected = question.indexOf(RETRIEVED);
		if (injected >= 0) {
			// a policy question with the policies the application retrieved for it: it answers from the first one
			String policies = question.substring(injected + RETRIEVED.length()).strip();
			int end = policies.indexOf("\n\n");
			return Reply.answer("Here is our policy: " + ((end > 0) ? policies.substring(0, end) : policies), random);
		}
		if (Policies.isPolicyQuestion(question)
				&& !question.startsWith(io.github.vigil.sample.workflow.TriageAgent.PROMPT)) {
			// asked about a policy with nothing retrieved, it answers anyway, with specifics it makes up
			return Reply.answer("You can return items within 60 days; return shipping costs $7.95. The details are "
					+ "at https://shop.example.com/policies/returns.", random);
		}
		String lower = question.toLowerCase(Locale.ROOT);
		if (question.startsWith(io.github.vigil.sample.workflow.TriageAgent.PROMPT)) {
			String request = lower.substring(io.github.vigil.sample.workflow.TriageAgent.PROMPT.length());
			boolean refund = request.contains("refund") || request.contains("money back") || request.contains("return");
			return Reply.answer(refund ? "REFUND" : "ORDER", random);
		}
		boolean wantsPerson = lower.contains("human") || lower.contains("agent please") || lower.contains("complaint");
		if (wantsPerson && !handsOver) {
			return Reply.answer("I'm sorry to hear that. I can help you myself: what went wrong with your order?",
					random);
		}
		if (wantsPerson) {
			return Reply.call("escalateToHuman", arguments("orderId", (orderId != null) ? orderId : "", "reason",
					"The customer asked for a person."), random);
		}
		if (orderId == null) {
			return Reply.answer("I'd be glad to help. Could you tell me your order number? It looks like ORD-12345.",
					random);
		}
		if (lower.contains("cancel")) {
			return Reply.call("cancelOrder", arguments("orderId", orderId), random);
		}
		if (lower.contains("refund") || lower.contains("money back") || lower.contains("return")) {
			// now and then it hands over a refund it could have requested itself: an escalation nobody needed
			if (handsOver && random.nextDouble() < 0.2) {
				return Reply.call("escalateToHuman", arguments("orderId", orderId, "reason",
						"To be safe, a colleague should check this refund."), random);
			}
			return Reply.call("requestRefund", arguments("orderId", orderId), random);
		}
		return Reply.call("lookupOrder", arguments("orderId", orderId), random);
	}

	private Reply answerFrom(String tool, String content, @Nullable String orderId, Random random) {
		JsonNode result;
		try {
			result = this.json.readTree(content);
		}
		catch (Exception ex) {
			return Reply.answer("I'm sorry, something went wrong on my side.", random);
		}
		String id = result.path("id").asText((orderId != null) ? orderId : "your order");
		if (result.has("error")) {
			return Reply.answer(result.path("error").asText().equals("not_found")
					? "I couldn't find order " + orderId + ". Could you check the number?"
					: "I'm afraid I can't do that: " + result.path("message").asText(), random);
		}
		String total = "$" + result.path("total").decimalValue().setScale(2, java.math.RoundingMode.HALF_UP);
		String status = result.path("status").asText();
		return switch (tool) {
			case "cancelOrder" -> Reply.answer("Done: order " + id + " is cancelled. The " + total
					+ " goes back to your card within 5 business days.", random);
			case "requestRefund" -> Reply.answer("I've requested a refund of " + total + " for order " + id
					+ ". You'll get an e-mail once it is processed.", random);
			default -> Reply.answer(statusAnswer(id, status, total, result, random), random);
		};
	}

	private static String statusAnswer(String id, String status, String total, JsonNode order, Random random) {
		String items = order.path("items").isArray() && !order.path("items").isEmpty()
				? order.path("items").get(0).path("name").asText() : "your items";
		StringBuilder answer = new StringBuilder("Your order ").append(id)
			.append(" (")
			.append(items)
			.append(order.path("items").size() > 1 ? " and more" : "")
			.append(") is ")
			.append(status)
			.append(". The total was ")
			.append(total)
			.append('.');
		double invent = random.nextDouble();
		if (invent < 0.06) {
			answer.append(" You can follow it at https://tracking.example.net/").append(id).append('.');
		}
		else if (invent < 0.10) {
			answer.append(" By the way, the Trail Runner Shoes are on sale for $99.99 this week.");
		}
		else if (status.equals("shipped")) {
			answer.append(" Delivery times are explained at https://shop.example.com/help/shipping.");
		}
		return answer.toString();
	}

	private Reply summary(List<Message> messages) {
		String transcript = (messages.size() > 1) ? messages.get(1).content() : "";
		Matcher ids = ORDER_ID.matcher(transcript);
		StringBuilder orders = new StringBuilder();
		while (ids.find()) {
			if (orders.indexOf(ids.group()) < 0) {
				orders.append(orders.length() > 0 ? ", " : "").append(ids.group());
			}
		}
		return Reply.answer("The customer asked about orders " + (orders.length() > 0 ? orders : "(none)")
				+ "; the assistant looked them up and answered each question.", new Random(this.seed));
	}

	private static @Nullable String orderId(List<Message> messages, int lastUser) {
		for (int i = lastUser; i >= 0; i--) {
			if (messages.get(i).role().equals("user")) {
				Matcher matcher = ORDER_ID.matcher(messages.get(i).content());
				if (matcher.find()) {
					return matcher.group();
				}
			}
		}
		return null;
	}

	private static boolean unusable(String content) {
		String trimmed = content.strip();
		return trimmed.isEmpty() || trimmed.startsWith("<") || !(trimmed.startsWith("{") || trimmed.startsWith("["));
	}

	private @Nullable String field(String content, String name) {
		try {
			JsonNode node = this.json.readTree(content).path(name);
			return node.isMissingNode() ? null : node.asText();
		}
		catch (Exception ex) {
			return null;
		}
	}

	private String arguments(String... keysAndValues) {
		var node = this.json.createObjectNode();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			node.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return node.toString();
	}

}
