package io.github.vigil.eval;

import java.util.List;
import java.util.Locale;

import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;

/**
 * What counts as a run escalating to a human: an escalation tool that ran, or a phrase in the answer.
 *
 * @param tools tool names that hand the user to a human; a call counts when it succeeded
 * @param phrases phrases of an answer that hands over, matched case-insensitively
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Escalation(List<String> tools, List<String> phrases) {

	/** The default escalation tools. */
	public static final List<String> DEFAULT_TOOLS = List.of("escalateToHuman", "escalate", "handoffToHuman",
			"transferToAgent", "createSupportTicket");

	/** The default phrases. */
	public static final List<String> DEFAULT_PHRASES = List.of("escalate", "transfer you", "a colleague will",
			"a human agent", "hand you over", "handed over", "support team will",
			"passed your request");

	public Escalation {
		tools = List.copyOf(tools);
		phrases = phrases.stream().map((phrase) -> phrase.toLowerCase(Locale.ROOT)).toList();
	}

	/**
	 * Returns the default tools and phrases.
	 * @return the defaults
	 */
	public static Escalation defaults() {
		return new Escalation(DEFAULT_TOOLS, DEFAULT_PHRASES);
	}

	/**
	 * Tells how a run escalated.
	 * @param run the run
	 * @return what shows it escalated ({@code tool escalateToHuman} or {@code answer says "a colleague will"}), or
	 * {@code null} when it did not
	 */
	public @Nullable String evidence(RunRecord run) {
		for (ToolCallRecord call : run.toolCalls()) {
			if (call.success() && this.tools.contains(call.tool())) {
				return "tool " + call.tool();
			}
		}
		String answer = run.output();
		if (answer != null) {
			String lower = answer.toLowerCase(Locale.ROOT);
			for (String phrase : this.phrases) {
				if (!phrase.isEmpty() && lower.contains(phrase)) {
					return "answer says \"" + phrase + "\"";
				}
			}
		}
		return null;
	}

}
