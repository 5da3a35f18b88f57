package io.github.vigil.sample.demo;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.github.vigil.sample.orders.Orders;
import org.jspecify.annotations.Nullable;

/**
 * The conversations the demo and the eval play, and how the support team's handoff records say each one should have
 * ended: whether a human was needed.
 */
public final class Conversations {

	private static final String[] STATUS = { "Where is my order %s?", "Has %s shipped yet?", "Can you track %s for me?",
			"What's the status of order %s?", "Any news on %s?", "When will %s arrive?" };

	private static final String[] POLICY_QUESTIONS = { "How long do I have to return something?",
			"What does express shipping cost?", "Is there a warranty on headphones?",
			"Can I exchange shoes for another size?", "How long do refunds take to reach my card?",
			"What happens if my parcel is lost?", "Do gift cards expire?",
			"My item arrived damaged, what should I do?" };

	private final Orders orders;

	private final List<String> orderIds;

	private final BigDecimal approvalLimit;

	/**
	 * Creates the conversations over the shop's orders.
	 * @param orders the orders
	 * @param approvalLimit refunds above this need a colleague
	 */
	public Conversations(Orders orders, BigDecimal approvalLimit) {
		this.orders = orders;
		this.orderIds = orders.ids();
		this.approvalLimit = approvalLimit;
	}

	/**
	 * Returns the messages of conversation {@code n}: mostly where-is-my-order questions, some cancellations, refunds
	 * and requests for a person, and a long one now and then.
	 * @param n the conversation's number
	 * @return the user's messages, in order
	 */
	public List<String> messages(int n) {
		String order = order(n);
		List<String> messages = new ArrayList<>();
		switch (n % 10) {
			case 6 -> messages.add("Please cancel " + order + ".");
			case 7 -> messages.add("I want a refund for " + order + ".");
			case 8 -> messages.add("I'd like to talk to a human about " + order + ", it's a complaint.");
			case 9 -> {
				for (int turn = 0; turn < 8; turn++) {
					messages.add(String.format(STATUS[turn % STATUS.length],
							this.orderIds.get((n + turn * 3) % this.orderIds.size()))
							+ " I also ordered something for my sister and want to be sure both arrive before the "
							+ "holidays, so please check carefully.");
				}
			}
			default -> messages.add(String.format(STATUS[n % STATUS.length], order));
		}
		return messages;
	}

	/**
	 * Returns the policy question conversation {@code n} of the demo opens with, when it has one: every other
	 * conversation asks one, which the agent answers from the policies knowledge base.
	 * @param n the conversation's number
	 * @return the question, or {@code null}
	 */
	public static @Nullable String policyQuestion(int n) {
		return (n % 2 == 0) ? POLICY_QUESTIONS[(n / 2) % POLICY_QUESTIONS.length] : null;
	}

	/**
	 * Tells, as the support team's handoff records do, whether conversation {@code n} could be resolved without a
	 * human: not when the customer asked for a person, not when the orders system was down (nobody could answer),
	 * not for a refund above the approval limit; otherwise yes.
	 * @param n the conversation's number
	 * @param ordersSystemDown whether the orders tools failed while it ran
	 * @return whether it could be resolved without a human
	 */
	public boolean resolvableWithoutHuman(int n, boolean ordersSystemDown) {
		if (n % 10 == 8 || ordersSystemDown) {
			return false;
		}
		if (n % 10 == 7) {
			BigDecimal total = this.orders.find(order(n)).map(Orders.Order::total).orElse(BigDecimal.ZERO);
			return total.compareTo(this.approvalLimit) <= 0;
		}
		return true;
	}

	private String order(int n) {
		return this.orderIds.get((n * 7) % this.orderIds.size());
	}

}
