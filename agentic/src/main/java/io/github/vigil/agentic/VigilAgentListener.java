package io.github.vigil.agentic;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.langchain4j.agentic.Agent;
import dev.langchain4j.agentic.observability.AgentInvocationError;
import dev.langchain4j.agentic.observability.AgentListener;
import dev.langchain4j.agentic.observability.AgentRequest;
import dev.langchain4j.agentic.observability.AgentResponse;
import dev.langchain4j.agentic.planner.AgentInstance;
import dev.langchain4j.service.V;
import io.github.vigil.run.Workflows;
import org.jspecify.annotations.Nullable;

/**
 * The agentic module's listener that reports workflows to Vigil: the root agent's invocation is the workflow's
 * run; each sub-agent's invocation, on whatever thread it runs, is nested in it. Inherited by every sub-agent, so
 * registering it on the root agent covers the whole system.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class VigilAgentListener implements AgentListener {

	/** The argument a workflow's user id is read from, when it has one. */
	public static final String DEFAULT_USER_ID_KEY = "userId";

	/** The argument a workflow's run id is read from, when the caller chose one. */
	public static final String DEFAULT_RUN_ID_KEY = "runId";

	private static final int MAX_INPUT = 4096;

	private final Workflows workflows;

	private final String userIdKey;

	private final String runIdKey;

	private final AgentThreads threads;

	/**
	 * Creates the listener.
	 * @param workflows where workflows are reported ({@code Vigil.workflows()})
	 * @param userIdKey the argument of the root agent that holds the user id
	 */
	public VigilAgentListener(Workflows workflows, String userIdKey) {
		this(workflows, userIdKey, DEFAULT_RUN_ID_KEY);
	}

	/**
	 * Creates the listener.
	 * @param workflows where workflows are reported ({@code Vigil.workflows()})
	 * @param userIdKey the argument of the root agent that holds the user id
	 * @param runIdKey the argument of the root agent that holds the run id the caller chose
	 */
	public VigilAgentListener(Workflows workflows, String userIdKey, String runIdKey) {
		this.workflows = Objects.requireNonNull(workflows, "workflows must not be null");
		this.userIdKey = Objects.requireNonNull(userIdKey, "userIdKey must not be null");
		this.runIdKey = Objects.requireNonNull(runIdKey, "runIdKey must not be null");
		this.threads = AgentThreads.of(workflows);
	}

	private static @Nullable String argument(AgentRequest request, String key) {
		Object value = (request.inputs() != null) ? request.inputs().get(key) : null;
		return (value != null) ? String.valueOf(value) : null;
	}

	@Override
	public void beforeAgentInvocation(AgentRequest request) {
		if (request.agenticScope() == null) {
			return;
		}
		if (isRoot(request.agent())) {
			String name = name(request.agent());
			this.workflows.started(request.agenticScope(), name, argument(request, this.runIdKey), userId(request),
					input(request));
			this.threads.workflowStarted(request.agenticScope(), name);
		}
		else {
			this.threads.agentEntering(request.agenticScope(), name(request.agent()));
		}
	}

	@Override
	public void afterAgentInvocation(AgentResponse response) {
		if (response.agenticScope() == null) {
			return;
		}
		if (isRoot(response.agent())) {
			this.threads.workflowEnded(response.agenticScope());
			this.workflows.completed(response.agenticScope(),
					(response.output() != null) ? String.valueOf(response.output()) : null);
		}
		else {
			this.threads.agentLeft(response.agenticScope());
		}
	}

	@Override
	public void onAgentInvocationError(AgentInvocationError error) {
		if (error.agenticScope() == null) {
			return;
		}
		if (isRoot(error.agent())) {
			this.threads.workflowEnded(error.agenticScope());
			this.workflows.failed(error.agenticScope(), cause(error.error()));
		}
		else {
			this.threads.agentLeft(error.agenticScope());
		}
	}

	@Override
	public boolean inheritedBySubagents() {
		return true;
	}

	/** What a workflow's failure is about: the first cause that is not the agentic module's wrapper of another. */
	static Throwable cause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause
				&& (cause.getClass().getName().startsWith("dev.langchain4j.agentic.")
						|| cause instanceof java.lang.reflect.InvocationTargetException
						|| cause instanceof java.lang.reflect.UndeclaredThrowableException)) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static boolean isRoot(AgentInstance agent) {
		return agent.parent() == null;
	}

	private @Nullable String userId(AgentRequest request) {
		Object user = (request.inputs() != null) ? request.inputs().get(this.userIdKey) : null;
		if (user != null) {
			return String.valueOf(user);
		}
		Object memoryId = request.agenticScope().memoryId();
		return (memoryId != null) ? String.valueOf(memoryId) : null;
	}

	/**
	 * The workflow's input: the user's message, never the arguments' {@code toString()}. It is the argument left
	 * once the user id and run id are set aside; of several, the one bound to the root agent method's
	 * {@code @UserMessage} parameter, else the first of {@link #MESSAGE_KEYS}; {@code null} when none is text.
	 */
	@Nullable String input(AgentRequest request) {
		Map<String, Object> inputs = request.inputs();
		if (inputs == null || inputs.isEmpty()) {
			return null;
		}
		Object message = null;
		int others = 0;
		for (Map.Entry<String, Object> entry : inputs.entrySet()) {
			if (!entry.getKey().equals(this.userIdKey) && !entry.getKey().equals(this.runIdKey)) {
				others++;
				message = entry.getValue();
			}
		}
		if (others > 1) {
			Class<?> type = request.agent().type();
			String key = (type != null) ? USER_MESSAGE_KEYS.get(type) : "";
			message = !key.isEmpty() ? inputs.get(key) : null;
			for (int i = 0; message == null && i < MESSAGE_KEYS.size(); i++) {
				message = inputs.get(MESSAGE_KEYS.get(i));
			}
		}
		String text = text(message);
		return (text == null || text.length() <= MAX_INPUT) ? text : text.substring(0, MAX_INPUT);
	}

	private static @Nullable String text(@Nullable Object value) {
		if (value instanceof CharSequence chars) {
			return chars.toString();
		}
		if (value instanceof dev.langchain4j.data.message.UserMessage message && message.hasSingleText()) {
			return message.singleText();
		}
		return null;
	}

	/** The arguments that carry a workflow's message by common usage, in order of preference. */
	static final List<String> MESSAGE_KEYS = List.of("message", "userMessage", "request", "question", "query",
			"input", "prompt");

	/** The {@code @V} name of the parameter an agent type's method marks with {@code @UserMessage}, or empty. */
	private static final ClassValue<String> USER_MESSAGE_KEYS = new ClassValue<>() {
		@Override
		protected String computeValue(Class<?> type) {
			for (Method method : type.getMethods()) {
				if (method.getAnnotation(Agent.class) == null) {
					continue;
				}
				for (Parameter parameter : method.getParameters()) {
					if (parameter.getAnnotation(dev.langchain4j.service.UserMessage.class) != null) {
						V name = parameter.getAnnotation(V.class);
						return (name != null) ? name.value() : parameter.getName();
					}
				}
			}
			return "";
		}
	};

	/** The {@code @Agent} name, else the agent interface's simple name; a workflow built untyped keeps its own. */
	static String name(AgentInstance agent) {
		Class<?> type = agent.type();
		String typed = (type != null) ? TYPED_NAMES.get(type) : "";
		if (!typed.isEmpty()) {
			return typed;
		}
		return (agent.name() != null && !agent.name().isBlank()) ? agent.name() : "workflow";
	}

	/** An agent type's name, looked up once per type; empty for the agentic module's own (untyped) types. */
	private static final ClassValue<String> TYPED_NAMES = new ClassValue<>() {
		@Override
		protected String computeValue(Class<?> type) {
			for (Method method : type.getMethods()) {
				Agent annotation = method.getAnnotation(Agent.class);
				if (annotation != null && !annotation.name().isBlank()) {
					return annotation.name();
				}
			}
			return type.getName().startsWith("dev.langchain4j.agentic.") ? "" : type.getSimpleName();
		}
	};

}
