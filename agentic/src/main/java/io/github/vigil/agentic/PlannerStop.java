package io.github.vigil.agentic;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import org.jspecify.annotations.Nullable;

/**
 * Once a guard ended a supervisor's workflow gracefully, its planner answers "done" with the graceful answer as the
 * response, and its response scorer picks that response, so the supervisor stops and returns it instead of failing
 * on a refused call. A middleware that answers a model call; found on the class path, so it is in every Vigil's
 * pipeline where {@code vigil-agentic} is.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class PlannerStop implements RunMiddleware {

	static final String PLANNER = "dev.langchain4j.agentic.supervisor.PlannerAgent";

	static final String SCORER = "dev.langchain4j.agentic.supervisor.ResponseAgent";

	private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

	@Override
	public @Nullable ChatResponse beforeModelCall(ModelCall call) {
		Run run = call.run();
		if (run == null || !run.planning() || call.nested()) {
			return null;
		}
		String message = run.endMessage();
		String answer = (message != null) ? answer(run.service(), message) : null;
		if (answer == null) {
			return null;
		}
		return ChatResponse.builder()
			.aiMessage(AiMessage.from(answer))
			.finishReason(FinishReason.OTHER)
			.tokenUsage(new TokenUsage(0, 0))
			.build();
	}

	/** What the planner and the response scorer answer, in their own formats; {@code null} for other services. */
	static @Nullable String answer(String service, String message) {
		return switch (service) {
			case PLANNER -> "{\"agentName\": \"done\", \"arguments\": {\"response\": " + quote(message) + "}}";
			case SCORER -> "{\"score1\": 0.0, \"score2\": 1.0}";
			default -> null;
		};
	}

	private static String quote(String text) {
		try {
			return JSON.writeValueAsString(text);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException("cannot write the graceful answer as JSON", ex);
		}
	}

}
