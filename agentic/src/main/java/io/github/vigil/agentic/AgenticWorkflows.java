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
 * inherited by every sub-agent. An agent not yet built can take it through LangChain4j's public route instead:
 * {@code builder.listener(new VigilAgentListener(vigil.workflows(), "userId", "runId"))}; one already built takes it
 * only through {@code InternalAgent}, the one LangChain4j {@code internal} type Vigil uses.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class AgenticWorkflows {

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

}
