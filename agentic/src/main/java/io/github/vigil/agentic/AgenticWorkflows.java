package io.github.vigil.agentic;


import dev.langchain4j.agentic.internal.InternalAgent;
import io.github.vigil.Vigil;
import io.github.vigil.run.Workflows;
import org.jspecify.annotations.Nullable;

/**
 * Observes an agentic system built with {@code AgenticServices}: each invocation of its root agent becomes one Vigil
 * run, each sub-agent's invocation a nested {@code invoke_agent} step of it, and a supervisor's planner calls steps
 * of the run. The Spring Boot starter does this for every agent bean; in plain Java, one line per root agent:
 * <pre>{@code
 * UntypedAgent workflow = AgenticServices.sequenceBuilder().subAgents(classifier, responder).build();
 * AgenticWorkflows.observe(vigil, workflow);
 * }</pre>
 * LangChain4j 1.19.0-beta29 has no global agent listener, so the root agent is where Vigil's listener goes; it is
 * inherited by every sub-agent.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class AgenticWorkflows {

	private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

	private AgenticWorkflows() {
	}

	/**
	 * Observes an agentic system through its root agent.
	 * @param vigil the Vigil that observes the sub-agents' models
	 * @param rootAgent an agent or workflow built with {@code AgenticServices}
	 * @param <T> the agent's type
	 * @return the same agent
	 * @throws IllegalArgumentException when it was not built with {@code AgenticServices}
	 */
	public static <T> T observe(Vigil vigil, T rootAgent) {
		return observe(vigil.workflows(), rootAgent, VigilAgentListener.DEFAULT_USER_ID_KEY);
	}

	/**
	 * Observes an agentic system through its root agent.
	 * @param workflows where workflows are reported
	 * @param rootAgent an agent or workflow built with {@code AgenticServices}
	 * @param userIdKey the root agent's argument that holds the user id
	 * @param <T> the agent's type
	 * @return the same agent
	 * @throws IllegalArgumentException when it was not built with {@code AgenticServices}
	 */
	public static <T> T observe(Workflows workflows, T rootAgent, String userIdKey) {
		return observe(workflows, rootAgent, userIdKey, VigilAgentListener.DEFAULT_RUN_ID_KEY);
	}

	/**
	 * Observes an agentic system through its root agent.
	 * @param workflows where workflows are reported
	 * @param rootAgent an agent or workflow built with {@code AgenticServices}
	 * @param userIdKey the root agent's argument that holds the user id
	 * @param runIdKey the root agent's argument that holds the run id the caller chose
	 * @param <T> the agent's type
	 * @return the same agent
	 * @throws IllegalArgumentException when it was not built with {@code AgenticServices}
	 */
	public static <T> T observe(Workflows workflows, T rootAgent, String userIdKey, String runIdKey) {
		if (!(rootAgent instanceof InternalAgent agent)) {
			throw new IllegalArgumentException("not an agent built with AgenticServices: "
					+ ((rootAgent != null) ? rootAgent.getClass().getName() : "null"));
		}
		workflows.planningEndAnswer(AgenticWorkflows::plannerDone);
		agent.registerInheritedParentListener(new VigilAgentListener(workflows, userIdKey, runIdKey));
		return rootAgent;
	}

	/**
	 * Tells whether an object is an agent built with {@code AgenticServices}.
	 * @param bean the object
	 * @return whether it is
	 */
	public static boolean isAgent(@Nullable Object bean) {
		return bean instanceof InternalAgent;
	}

	/**
	 * What the supervisor's planner and response scorer answer once a guard ended the workflow: "done", with the
	 * graceful answer as the response, so the supervisor stops and returns it.
	 */
	static @Nullable String plannerDone(String service, String message) {
		String quoted = quote(message);
		return switch (service) {
			case "dev.langchain4j.agentic.supervisor.PlannerAgent" ->
				"{\"agentName\": \"done\", \"arguments\": {\"response\": " + quoted + "}}";
			case "dev.langchain4j.agentic.supervisor.ResponseAgent" -> "{\"score1\": 0.0, \"score2\": 1.0}";
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
