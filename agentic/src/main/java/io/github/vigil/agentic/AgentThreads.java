package io.github.vigil.agentic;

import java.lang.ref.WeakReference;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

import dev.langchain4j.invocation.InvocationContext;
import io.github.vigil.run.RunNesting;
import io.github.vigil.run.Workflows;
import org.jspecify.annotations.Nullable;

/**
 * Which workflow an AI-service call is nested in, from what the agentic module's listener said on each thread: a
 * sub-agent about to be invoked on this thread claims the next AI-service call made on it; any other call on the
 * thread that invoked the workflow (a supervisor's planner, its response scorer) is a planning step of it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class AgentThreads implements RunNesting {

	/** One per Vigil, whichever of its listeners asks: what a thread holds must be seen by every one of them. */
	private static final Map<Workflows, AgentThreads> perVigil = Collections.synchronizedMap(new WeakHashMap<>());

	/** The sub-agents about to be invoked on this thread, innermost last. */
	private final ThreadLocal<@Nullable ArrayDeque<Entering>> entering = new ThreadLocal<>();

	/** The workflows invoked on this thread and not yet ended, innermost last, each with its name. */
	private final ThreadLocal<@Nullable ArrayDeque<Invoked>> invokedHere = new ThreadLocal<>();

	/** Held weakly: the map above keys by it, and a Vigil that is gone must be let go. */
	private final WeakReference<Workflows> workflows;

	private AgentThreads(Workflows workflows) {
		this.workflows = new WeakReference<>(workflows);
	}

	private boolean running(Object key) {
		Workflows current = this.workflows.get();
		return current != null && current.running(key);
	}

	/** The threads' view of one Vigil's workflows, made its nesting on first use. */
	static AgentThreads of(Workflows workflows) {
		return perVigil.computeIfAbsent(workflows, (key) -> {
			AgentThreads threads = new AgentThreads(key);
			key.nesting(threads);
			return threads;
		});
	}

	void workflowStarted(Object key, String name) {
		ArrayDeque<Invoked> here = this.invokedHere.get();
		if (here == null) {
			here = new ArrayDeque<>(2);
			this.invokedHere.set(here);
		}
		here.addLast(new Invoked(key, name));
	}

	void workflowEnded(Object key) {
		ArrayDeque<Invoked> here = this.invokedHere.get();
		if (here != null) {
			here.removeIf((each) -> each.key == key);
			if (here.isEmpty()) {
				this.invokedHere.remove();
			}
		}
	}

	void agentEntering(Object key, String agent) {
		ArrayDeque<Entering> agents = this.entering.get();
		if (agents == null) {
			agents = new ArrayDeque<>(2);
			this.entering.set(agents);
		}
		agents.addLast(new Entering(key, agent));
	}

	void agentLeft(Object key) {
		ArrayDeque<Entering> agents = this.entering.get();
		if (agents == null) {
			return;
		}
		for (var each = agents.descendingIterator(); each.hasNext();) {
			if (each.next().key == key) {
				each.remove();
				break;
			}
		}
		if (agents.isEmpty()) {
			this.entering.remove();
		}
	}

	@Override
	public @Nullable Nested nestedIn(InvocationContext invocation) {
		ArrayDeque<Entering> agents = this.entering.get();
		if (agents != null) {
			// a workflow ended otherwise than by its framework leaves its sub-agents behind: forget them
			agents.removeIf((each) -> !running(each.key));
		}
		Entering next = (agents != null) ? agents.peekLast() : null;
		if (next != null && !next.claimed) {
			next.claimed = true;
			return new Nested(next.key, next.agent, false);
		}
		ArrayDeque<Invoked> here = this.invokedHere.get();
		if (here != null) {
			here.removeIf((each) -> !running(each.key));
		}
		Invoked workflow = (here != null) ? here.peekLast() : null;
		if (workflow == null || (next != null && next.key == workflow.key)) {
			// inside a sub-agent's own call, another AI-service call is a run of its own
			return null;
		}
		return new Nested(workflow.key, workflow.name, true);
	}

	/** A sub-agent about to be invoked on a thread, until an AI-service call claims it. */
	private static final class Entering {

		final Object key;

		final String agent;

		boolean claimed;

		Entering(Object key, String agent) {
			this.key = key;
			this.agent = agent;
		}

	}

	/** A workflow invoked on a thread. */
	private record Invoked(Object key, String name) {
	}

}
