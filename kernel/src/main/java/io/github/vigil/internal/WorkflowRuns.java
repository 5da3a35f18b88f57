package io.github.vigil.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import dev.langchain4j.invocation.InvocationContext;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunNesting;
import io.github.vigil.run.Workflows;
import org.jspecify.annotations.Nullable;

/**
 * The workflow runs in flight, by their integration's key, and the integration's answer to "in which workflow is
 * this AI-service call nested?". The kernel knows no agent framework: what it knows of threads and sub-agents it is
 * told.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class WorkflowRuns implements Workflows {

	private final Pipeline pipeline;

	/** Workflow runs in flight, by their key (compared by identity). */
	private final Map<Object, ActiveRun> runs = Collections.synchronizedMap(new IdentityHashMap<>());

	private volatile RunNesting nesting = (invocation) -> null;

	WorkflowRuns(Pipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void started(Object key, String name, @Nullable String runId, @Nullable String userId,
			@Nullable String input) {
		try {
			UUID id = UUID.randomUUID();
			ActiveRun run = new ActiveRun(this.pipeline, id, (runId != null && !runId.isBlank()) ? runId : id.toString(),
					name, (userId != null && !userId.isBlank()) ? userId : Run.ANONYMOUS, input);
			if (this.runs.putIfAbsent(key, run) != null) {
				return;
			}
			this.pipeline.started(run);
		}
		catch (RuntimeException ex) {
			this.pipeline.failures().record("workflow", ex);
		}
	}

	@Override
	public void completed(Object key, @Nullable String output) {
		ActiveRun run = this.runs.remove(key);
		if (run != null) {
			this.pipeline.complete(run, output);
		}
	}

	@Override
	public void failed(Object key, Throwable error) {
		ActiveRun run = this.runs.remove(key);
		if (run != null) {
			this.pipeline.fail(run, error);
		}
	}

	@Override
	public boolean running(Object key) {
		ActiveRun run = this.runs.get(key);
		return run != null && !run.finished();
	}

	@Override
	public void nesting(RunNesting nesting) {
		this.nesting = Objects.requireNonNull(nesting, "nesting must not be null");
	}

	/**
	 * Where an AI-service call is nested, with its workflow's run; {@code null} when it is a run of its own (the
	 * integration says so, or the workflow's run has ended).
	 */
	@Nullable Nest nestedIn(InvocationContext invocation) {
		if (this.runs.isEmpty()) {
			return null;
		}
		RunNesting.Nested nested;
		try {
			nested = this.nesting.nestedIn(invocation);
		}
		catch (RuntimeException ex) {
			this.pipeline.failures().record("workflow", ex);
			return null;
		}
		ActiveRun workflow = (nested != null) ? this.runs.get(nested.workflow()) : null;
		return (workflow != null && !workflow.finished()) ? new Nest(workflow, nested.agent(), nested.planning())
				: null;
	}

	/** A workflow run ended otherwise than by its framework (abandoned): it is forgotten. */
	void forget(ActiveRun run) {
		if (!this.runs.isEmpty()) {
			this.runs.values().removeIf((workflow) -> workflow == run);
		}
	}

	/** Where an AI-service call is nested: in which workflow run, as what. */
	record Nest(ActiveRun workflow, String agent, boolean planning) {
	}

}
