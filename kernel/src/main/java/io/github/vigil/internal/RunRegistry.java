package io.github.vigil.internal;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.service.memory.ChatMemoryService;
import io.github.vigil.run.Run;
import org.jspecify.annotations.Nullable;

/**
 * The runs in flight, by LangChain4j's invocation id; the model requests announced for them, matched by identity
 * when the model is called (on whatever thread); the ids of the runs that ended last; and each run's identity as
 * the invocation gives it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class RunRegistry {

	private static final int SWEEP_EVERY = 1024;

	private final Map<UUID, ActiveRun> active = new ConcurrentHashMap<>();

	private final Map<RequestKey, ActiveRun> pendingRequests = new ConcurrentHashMap<>();

	/** The runs that ended last: a run ends once, and a later report of its end is ignored. */
	private final EndedRuns ended = new EndedRuns(4096);

	private final AtomicLong started = new AtomicLong();

	private final String userIdKey;

	private final String runIdKey;

	RunRegistry(String userIdKey, String runIdKey) {
		this.userIdKey = userIdKey;
		this.runIdKey = runIdKey;
	}

	/** Counts a run's start; says when it is time to look for abandoned runs. */
	boolean startedOneMore() {
		return this.started.incrementAndGet() % SWEEP_EVERY == 0;
	}

	/**
	 * Registers a run.
	 * @return the run already registered under its id, {@code null} when this one was registered
	 */
	@Nullable ActiveRun register(ActiveRun run) {
		return this.active.putIfAbsent(run.id(), run);
	}

	@Nullable ActiveRun get(@Nullable UUID id) {
		return (id != null) ? this.active.get(id) : null;
	}

	boolean endedRecently(UUID id) {
		return this.ended.contains(id);
	}

	/** Forgets an ended run and the requests still announced for it. */
	void ended(ActiveRun run) {
		this.ended.add(run.id());
		this.active.remove(run.id(), run);
		if (!this.pendingRequests.isEmpty()) {
			this.pendingRequests.values().removeIf((pending) -> pending == run);
		}
	}

	Collection<ActiveRun> active() {
		return this.active.values();
	}

	int size() {
		return this.active.size();
	}

	void expectRequest(Object request, ActiveRun run) {
		this.pendingRequests.put(new RequestKey(request), run);
	}

	@Nullable ActiveRun claimRequest(Object request) {
		if (this.pendingRequests.isEmpty()) {
			return null;
		}
		return this.pendingRequests.remove(new RequestKey(request));
	}

	static @Nullable String memoryId(@Nullable Object memoryId) {
		if (memoryId == null || ChatMemoryService.DEFAULT.equals(memoryId)) {
			return null;
		}
		return String.valueOf(memoryId);
	}

	String runId(InvocationContext context) {
		InvocationParameters parameters = context.invocationParameters();
		if (parameters != null) {
			Object runId = parameters.asMap().get(this.runIdKey);
			if (runId != null && !String.valueOf(runId).isBlank()) {
				return String.valueOf(runId);
			}
		}
		return context.invocationId().toString();
	}

	String userId(@Nullable InvocationParameters parameters, @Nullable String memoryId) {
		if (parameters != null) {
			Object user = parameters.asMap().get(this.userIdKey);
			if (user != null && !String.valueOf(user).isBlank()) {
				return String.valueOf(user);
			}
		}
		return (memoryId != null) ? memoryId : Run.ANONYMOUS;
	}

	/** Identity of a request object, whatever its {@code equals}. */
	private static final class RequestKey {

		private final Object request;

		RequestKey(Object request) {
			this.request = request;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof RequestKey key && key.request == this.request;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.request);
		}

	}

}
