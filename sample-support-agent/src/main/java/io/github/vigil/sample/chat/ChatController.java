package io.github.vigil.sample.chat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.invocation.InvocationParameters;
import io.github.vigil.run.RunKilledException;
import io.github.vigil.sample.agent.NoCardNumbers;
import io.github.vigil.sample.agent.SupportAgent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/chat}: one turn of a conversation with the support agent.
 */
@RestController
public class ChatController {

	static final int MAX_MESSAGE_LENGTH = 4_000;

	private static final Logger logger = LoggerFactory.getLogger(ChatController.class);

	private final SupportAgent agent;

	private final RecentRuns runs;

	private final UntypedAgent workflow;

	public ChatController(SupportAgent agent, RecentRuns runs, @Qualifier("supportWorkflow") UntypedAgent workflow) {
		this.workflow = workflow;
		this.agent = agent;
		this.runs = runs;
	}

	/**
	 * A chat request.
	 *
	 * @param userId who is asking
	 * @param conversationId the conversation to continue; a new one when absent
	 * @param message what they ask
	 * @param workflow whether the two-agent workflow answers (triage, then orders or refunds) rather than the
	 * support agent
	 */
	public record ChatRequest(@Nullable String userId, @Nullable String conversationId, @Nullable String message,
			@Nullable Boolean workflow) {
	}

	/**
	 * A chat reply.
	 *
	 * @param runId the run, as the run log's {@code run_id}
	 * @param conversationId the conversation
	 * @param reply the agent's answer
	 * @param run the run as Vigil recorded it: outcome, tokens, cost, tool calls, flags, guard trips
	 */
	public record ChatReply(String runId, String conversationId, String reply, @Nullable Map<String, Object> run) {
	}

	@PostMapping("/api/chat")
	ResponseEntity<Object> chat(@RequestBody ChatRequest request) {
		Map<String, String> problems = new LinkedHashMap<>();
		if (request.userId() == null || request.userId().isBlank()) {
			problems.put("userId", "must not be blank");
		}
		else if (request.userId().length() > 100) {
			problems.put("userId", "must be at most 100 characters");
		}
		if (request.message() == null || request.message().isBlank()) {
			problems.put("message", "must not be blank");
		}
		else if (request.message().length() > MAX_MESSAGE_LENGTH) {
			problems.put("message", "must be at most " + MAX_MESSAGE_LENGTH + " characters, was "
					+ request.message().length());
		}
		if (request.conversationId() != null
				&& (request.conversationId().isBlank() || request.conversationId().length() > 100)) {
			problems.put("conversationId", "must be 1 to 100 characters when given");
		}
		if (!problems.isEmpty()) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "fields", problems));
		}
		String conversationId = (request.conversationId() != null) ? request.conversationId()
				: UUID.randomUUID().toString();
		String runId = UUID.randomUUID().toString();
		InvocationParameters parameters = InvocationParameters.from(Map.of("userId", request.userId(), "runId", runId));
		String reply;
		try {
			reply = Boolean.TRUE.equals(request.workflow())
					? String.valueOf(this.workflow.invoke(Map.of("message", request.message(), "userId",
							request.userId(), "runId", runId)))
					: this.agent.chat(conversationId, request.message(), parameters);
		}
		catch (RunKilledException ex) {
			reply = ex.getUserMessage();
		}
		catch (InputGuardrailException ex) {
			// the shop's guardrail refused the message before the model saw it: the customer is told why
			reply = NoCardNumbers.REFUSAL;
		}
		return ResponseEntity.ok(new ChatReply(runId, conversationId, reply, this.runs.describe(runId)));
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<Object> unreadable(HttpMessageNotReadableException ex) {
		return ResponseEntity.badRequest()
			.body(Map.of("error", "invalid_request", "message", "The body must be JSON: "
					+ "{\"userId\": \"...\", \"conversationId\": \"...\" (optional), \"message\": \"...\"}"));
	}

	@ExceptionHandler(RuntimeException.class)
	ResponseEntity<Object> unavailable(RuntimeException ex) {
		logger.warn("The assistant failed: {}", ex.toString());
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.body(Map.of("error", "assistant_unavailable", "message",
					"The assistant is unavailable right now. Please try again in a few minutes."));
	}

}
