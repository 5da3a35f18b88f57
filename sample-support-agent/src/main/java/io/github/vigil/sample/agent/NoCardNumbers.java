package io.github.vigil.sample.agent;

import java.util.regex.Pattern;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailResult;

/**
 * The shop's own input guardrail: a message with a payment card number in it never reaches the model, and the
 * customer is told why. Vigil records each of its decisions with no code here.
 */
public final class NoCardNumbers implements InputGuardrail {

	/** What the customer is told when the guardrail refuses the message. */
	public static final String REFUSAL = "Please don't send card numbers in the chat: we never need them here.";

	private static final Pattern CARD = Pattern.compile("\\b(?:\\d[ -]?){13,19}\\b");

	@Override
	public InputGuardrailResult validate(UserMessage message) {
		String text = message.hasSingleText() ? message.singleText() : "";
		return CARD.matcher(text).find() ? failure(REFUSAL) : success();
	}

}
