package io.github.vigil.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import io.github.vigil.run.ToolCall;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;

/**
 * The middleware behind run replay: it recognizes the run a replay starts on the replaying thread, serves the
 * stored tool results to it when tools are {@code recorded} (the live tools never run), and records its steps for
 * the comparison. Other runs pass through untouched.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ReplayedRuns implements RunMiddleware {

	private static final ThreadLocal<@Nullable Session> starting = new ThreadLocal<>();

	/** Replays in progress in this JVM: while there are none, every hook returns at once. */
	private static final AtomicInteger inProgress = new AtomicInteger();

	private final ContentRedactor excerpts = new ContentRedactor(300, true);

	@Override
	public void runStarted(Run run) {
		if (inProgress.get() == 0) {
			return;
		}
		Session session = starting.get();
		if (session != null && session.runId == null) {
			session.runId = run.runId();
			run.state(Session.class, () -> session);
		}
	}

	@Override
	public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
		Session session = session(call.run());
		if (session == null || !session.recordedTools) {
			return null;
		}
		StoredStep recorded = session.recordedFor(call.tool(), call.request().arguments());
		String text;
		boolean error;
		if (recorded == null) {
			text = "No recorded result for " + call.tool() + " with these arguments in run " + session.original;
			error = true;
			session.add(new RunReplay.Side(StoredStep.TOOL, call.tool(), call.request().arguments(), StoredStep.ERROR,
					"not_recorded", text), 0);
		}
		else {
			text = (recorded.resultExcerpt() != null) ? recorded.resultExcerpt()
					: String.valueOf(recorded.errorMessage());
			error = recorded.failed();
			session.add(new RunReplay.Side(StoredStep.TOOL, call.tool(), call.request().arguments(),
					recorded.outcome(), recorded.errorType(), recorded.resultExcerpt()), 0);
		}
		session.served(new ToolCallRecord(call.tool(), call.request().arguments(), !error, 0,
				(recorded != null) ? recorded.errorType() : "not_recorded", error ? text : null));
		return ToolExecutionResult.builder().isError(error).resultText(text).build();
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		Session session = session(call.run());
		if (session != null) {
			session.add(new RunReplay.Side(StoredStep.MODEL, call.requestModel(), null, StoredStep.SUCCESS, null,
					(response != null && response.finishReason() != null)
							? response.finishReason().name().toLowerCase(Locale.ROOT) : null),
					call.durationNanos());
		}
		return response;
	}

	@Override
	public void modelCallFailed(ModelCall call, Throwable error) {
		Session session = session(call.run());
		if (session != null) {
			session.add(new RunReplay.Side(StoredStep.MODEL, call.requestModel(), null, StoredStep.ERROR,
					ErrorTypes.of(error), null), call.durationNanos());
		}
	}

	@Override
	public ToolExecutionResult afterToolCall(ToolCall call, ToolExecutionResult result) {
		Session session = session(call.run());
		if (session != null) {
			boolean failed = call.errorType() != null;
			session.add(new RunReplay.Side(StoredStep.TOOL, call.tool(), call.request().arguments(),
					failed ? StoredStep.ERROR : StoredStep.SUCCESS, call.errorType(),
					this.excerpts.apply(call.resultText())), call.durationNanos());
		}
		return result;
	}

	@Override
	public void toolCallFailed(ToolCall call, Throwable error) {
		Session session = session(call.run());
		if (session != null) {
			session.add(new RunReplay.Side(StoredStep.TOOL, call.tool(), call.request().arguments(), StoredStep.ERROR,
					ErrorTypes.of(error), null), call.durationNanos());
		}
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		Session session = session(run);
		if (session != null) {
			session.record = record;
		}
	}

	private static @Nullable Session session(@Nullable Run run) {
		return (run != null && inProgress.get() > 0) ? run.state(Session.class) : null;
	}

	/**
	 * Runs an action as a replay of a stored run, as offline evals do: the first run the action starts on this
	 * thread is the replay; with {@code recordedTools}, each of its tool calls gets the stored result of the same
	 * tool (with the same arguments first) and the live tool never runs.
	 * @param original the stored run, with its steps
	 * @param recordedTools whether tools are answered from the stored results
	 * @param action what starts the run
	 * @return the replayed run's record, or {@code null} when the action started no run (or it has not ended)
	 */
	public static @Nullable RunRecord replay(StoredRun original, boolean recordedTools, Runnable action) {
		Session session = replaying(original, recordedTools, action);
		RunRecord record = session.record;
		List<ToolCallRecord> served = session.served();
		if (record == null || served.isEmpty()) {
			return record;
		}
		// the served calls never ran, so the run has no record of them: the replay's record lists them as served
		List<ToolCallRecord> calls = new ArrayList<>(record.toolCalls());
		calls.addAll(served);
		return record.toBuilder().toolCalls(calls).build();
	}

	/**
	 * Runs an action as a replay of a stored run: the first run the action starts on this thread is the replay.
	 */
	static Session replaying(StoredRun original, boolean recordedTools, Runnable action) {
		Session session = new Session(original, recordedTools);
		inProgress.incrementAndGet();
		starting.set(session);
		try {
			action.run();
		}
		finally {
			starting.remove();
			inProgress.decrementAndGet();
		}
		return session;
	}

	/** One replay in progress. */
	static final class Session {

		final String original;

		final boolean recordedTools;

		private final List<StoredStep> recorded;

		private final boolean[] used;

		private final List<Timed> steps = new ArrayList<>();

		private final List<ToolCallRecord> served = new ArrayList<>();

		private final long startNanos = System.nanoTime();

		volatile @Nullable String runId;

		volatile @Nullable RunRecord record;

		Session(StoredRun original, boolean recordedTools) {
			this.original = original.runId();
			this.recordedTools = recordedTools;
			this.recorded = original.steps().stream().filter(StoredStep::isTool).toList();
			this.used = new boolean[this.recorded.size()];
		}

		/** The first unused recorded call of the tool with the same arguments, else the first of the tool. */
		synchronized @Nullable StoredStep recordedFor(String tool, @Nullable String arguments) {
			int byTool = -1;
			for (int i = 0; i < this.recorded.size(); i++) {
				StoredStep step = this.recorded.get(i);
				if (this.used[i] || !step.name().equals(tool)) {
					continue;
				}
				if (step.arguments() != null && step.arguments().equals(arguments)) {
					this.used[i] = true;
					return step;
				}
				if (byTool < 0) {
					byTool = i;
				}
			}
			if (byTool >= 0) {
				this.used[byTool] = true;
				return this.recorded.get(byTool);
			}
			return null;
		}

		synchronized void served(ToolCallRecord call) {
			this.served.add(call);
		}

		synchronized List<ToolCallRecord> served() {
			return List.copyOf(this.served);
		}

		synchronized void add(RunReplay.Side side, long durationNanos) {
			this.steps.add(new Timed(System.nanoTime() - durationNanos - this.startNanos, side));
		}

		synchronized List<RunReplay.Side> steps() {
			return this.steps.stream().sorted(Comparator.comparingLong(Timed::start)).map(Timed::side).toList();
		}

		private record Timed(long start, RunReplay.Side side) {
		}

	}

}
