package io.github.vigil.sample.workflow;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.service.UserMessage;
import dev.langchain4j.service.V;

/**
 * Decides which agent a support request is for.
 */
public interface TriageAgent {

	/** What {@link #classify} starts its prompt with; the offline demo model recognizes it. */
	String PROMPT = "Classify this support request as ORDER or REFUND, one word: ";

	@UserMessage(PROMPT + "{{message}}")
	@Agent(name = "triage", description = "Classifies a support request as ORDER or REFUND", outputKey = "category")
	String classify(@V("message") String message);

}
