package io.github.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Where finished runs are kept, and the queries triage asks of them. Writes come in batches from one background
 * thread; queries may come from any thread. Implementations: {@link MemoryRunStore}, the default, and
 * {@link io.github.vigil.store.jdbc.JdbcRunStore}, which every instance of a fleet can share.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface RunStore extends AutoCloseable {

	/**
	 * Writes finished runs, all or none. A run already stored is left as it is.
	 * @param runs the runs
	 * @throws RuntimeException when the store cannot take them; the writer retries with backoff
	 */
	void write(List<StoredRun> runs);

	/**
	 * Returns one run with its steps.
	 * @param runId the run id
	 * @return the run, empty when not stored
	 */
	Optional<StoredRun> run(String runId);

	/**
	 * Returns a user's runs, newest first, without their steps.
	 * @param userId the user
	 * @param limit at most this many
	 * @return the runs
	 */
	List<StoredRun> runsOfUser(String userId, int limit);

	/**
	 * Returns the newest runs, without their steps.
	 * @param limit at most this many
	 * @return the runs
	 */
	List<StoredRun> recentRuns(int limit);

	/**
	 * Lists failing calls of a tool, newest first.
	 * @param query which
	 * @return the failures
	 */
	List<ToolFailure> failures(FailureQuery query);

	/**
	 * Counts a tool's calls and failures in consecutive slices of time, for the slices that have calls.
	 * @param tool the tool
	 * @param from start (inclusive)
	 * @param until end (exclusive)
	 * @param slice the slices' length, at least a millisecond
	 * @return the slices with calls, oldest first
	 */
	List<ToolCallCounts> toolCalls(String tool, Instant from, Instant until, Duration slice);

	/**
	 * Counts a tool's failures by error type.
	 * @param tool the tool
	 * @param from start (inclusive)
	 * @param until end (exclusive)
	 * @return the error types, most frequent first
	 */
	List<ErrorTypeCount> errorTypes(String tool, Instant from, Instant until);

	/**
	 * Counts the users a tool's failures hit.
	 * @param tool the tool
	 * @param from start (inclusive)
	 * @param until end (exclusive)
	 * @return the users
	 */
	AffectedUsers affectedUsers(String tool, Instant from, Instant until);

	/**
	 * Counts the steps of a kind and name (a tool's calls, a retriever's retrievals) and their failures per slice of
	 * time.
	 * @param kind the steps' kind: {@code tool}, {@code retrieval}, ...
	 * @param name the tool's, the retriever's name
	 * @param from from this time
	 * @param until before this time
	 * @param slice the slices' width
	 * @return the slices that have steps, in order
	 */
	default List<ToolCallCounts> stepCalls(String kind, String name, Instant from, Instant until, Duration slice) {
		if (StoredStep.TOOL.equals(kind)) {
			return toolCalls(name, from, until, slice);
		}
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps only tools' calls");
	}

	/**
	 * Counts the failures of the steps of a kind and name by error type.
	 * @param kind the steps' kind
	 * @param name their name
	 * @param from from this time
	 * @param until before this time
	 * @return the error types, the most frequent first
	 */
	default List<ErrorTypeCount> errorTypes(String kind, String name, Instant from, Instant until) {
		if (StoredStep.TOOL.equals(kind)) {
			return errorTypes(name, from, until);
		}
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps only tools' calls");
	}

	/**
	 * Counts the users whose steps of a kind and name failed.
	 * @param kind the steps' kind
	 * @param name their name
	 * @param from from this time
	 * @param until before this time
	 * @return the users
	 */
	default AffectedUsers affectedUsers(String kind, String name, Instant from, Instant until) {
		if (StoredStep.TOOL.equals(kind)) {
			return affectedUsers(name, from, until);
		}
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps only tools' calls");
	}

	/**
	 * Counts the steps a query selects and their failures per slice of time; with a server, only the calls that
	 * server served.
	 * @param steps which steps
	 * @param from from this time
	 * @param until before this time
	 * @param slice the slices' width
	 * @return the slices that have steps, in order
	 * @throws UnsupportedOperationException with a server, for a store that keeps no server per step
	 */
	default List<ToolCallCounts> stepCalls(StepQuery steps, Instant from, Instant until, Duration slice) {
		if (steps.server() == null) {
			return stepCalls(steps.kind(), steps.name(), from, until, slice);
		}
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no server per step");
	}

	/**
	 * Counts the failures of the steps a query selects by error type.
	 * @param steps which steps
	 * @param from from this time
	 * @param until before this time
	 * @return the error types, the most frequent first
	 * @throws UnsupportedOperationException with a server, for a store that keeps no server per step
	 */
	default List<ErrorTypeCount> errorTypes(StepQuery steps, Instant from, Instant until) {
		if (steps.server() == null) {
			return errorTypes(steps.kind(), steps.name(), from, until);
		}
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no server per step");
	}

	/**
	 * Counts the users whose steps, of those a query selects, failed.
	 * @param steps which steps
	 * @param from from this time
	 * @param until before this time
	 * @return the users
	 * @throws UnsupportedOperationException with a server, for a store that keeps no server per step
	 */
	default AffectedUsers affectedUsers(StepQuery steps, Instant from, Instant until) {
		if (steps.server() == null) {
			return affectedUsers(steps.kind(), steps.name(), from, until);
		}
		throw new UnsupportedOperationException(getClass().getSimpleName() + " keeps no server per step");
	}

	/**
	 * Reads whole runs, with their steps, newest first: what eval datasets are made of.
	 * @param query which runs
	 * @return the runs
	 */
	default List<StoredRun> runs(RunQuery query) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not read runs in bulk");
	}

	/**
	 * Attaches the business's resolution outcome to a stored run, replacing any earlier one.
	 * @param runId the run
	 * @param feedback the outcome
	 * @return whether the run is stored (when it is not, nothing is kept)
	 */
	default boolean feedback(String runId, Feedback feedback) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not keep feedback");
	}

	/**
	 * Returns the feedback attached to runs that started in a span of time.
	 * @param from start (inclusive), by when the runs started
	 * @param until end (exclusive)
	 * @return feedback by run id
	 */
	default Map<String, Feedback> feedback(Instant from, Instant until) {
		return Map.of();
	}

	/**
	 * Writes scores, each replacing the run's earlier score by the same scorer. A score may arrive before its run
	 * is written; it is kept, and it counts once the run is there.
	 * @param scores the scores
	 */
	default void writeScores(List<RunScore> scores) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not keep scores");
	}

	/**
	 * Returns a run's scores.
	 * @param runId the run
	 * @return the scores, by scorer name
	 */
	default List<RunScore> scores(String runId) {
		return List.of();
	}

	/**
	 * Counts each agent's stored runs per day and one scorer's scores of them.
	 * @param scorer the scorer
	 * @param from start (inclusive), by when the runs started
	 * @param until end (exclusive)
	 * @return the days with runs, oldest first
	 */
	default List<ScoreDay> scoreDays(String scorer, Instant from, Instant until) {
		return List.of();
	}

	/**
	 * Returns when the oldest stored run started: where the console's time range begins at the earliest.
	 * @return the instant, empty when nothing is stored
	 */
	default Optional<Instant> firstRunAt() {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns the tools called in a range, by name.
	 * @param from the range's start
	 * @param until its end, excluded
	 * @return the names, sorted
	 */
	default List<String> toolNames(Instant from, Instant until) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns how long the steps took in a range, per kind and name.
	 * @param from the range's start
	 * @param until its end, excluded
	 * @return the durations of each kind and name
	 */
	default List<StepDurations> stepDurations(Instant from, Instant until) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns the tokens per run of the runs that started in a range.
	 * @param from the range's start
	 * @param until its end, excluded
	 * @return the distribution
	 */
	default LogHistogram runTokens(Instant from, Instant until) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns what the runs of a range cost, per agent, model or user, the costliest first.
	 * @param by what the cost is shared by
	 * @param from the range's start
	 * @param until its end, excluded
	 * @param limit how many at most
	 * @return the shares
	 */
	default List<CostShare> costs(CostShare.By by, Instant from, Instant until, int limit) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns the conversations with runs in a range, the latest first.
	 * @param userId only this user's, {@code null} for everyone's
	 * @param from the range's start
	 * @param until its end, excluded
	 * @param limit how many at most
	 * @return the conversations
	 */
	default List<SessionSummary> sessions(@Nullable String userId, Instant from, Instant until, int limit) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns a conversation's runs in the order they started, without their steps.
	 * @param memoryId the chat memory id
	 * @param limit how many at most (the latest, when there are more)
	 * @return the runs
	 */
	default List<StoredRun> session(String memoryId, int limit) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns the application versions and instances that served runs in a range.
	 * @param from the range's start
	 * @param until its end, excluded
	 * @return each version on each instance, the first seen first
	 */
	default List<VersionSeen> versions(Instant from, Instant until) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Returns an agent's runs over a range by the version of its prompt, each with the mean score every scorer gave
	 * them; runs whose AI service sent no system message are left out.
	 * @param agent the agent
	 * @param from the range's start
	 * @param until its end, excluded
	 * @return the prompt versions, the first used first
	 */
	default List<PromptRuns> runsByPrompt(String agent, Instant from, Instant until) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not split runs by prompt");
	}

	/**
	 * Returns a tool's calls and failures in a range, per application version.
	 * @param tool the tool
	 * @param from the range's start
	 * @param until its end, excluded
	 * @return the calls of each version
	 */
	default List<VersionCalls> toolCallsByVersion(String tool, Instant from, Instant until) {
		throw new UnsupportedOperationException(getClass().getSimpleName() + " does not answer range questions");
	}

	/**
	 * Deletes runs that started before a time, then the oldest runs beyond a count.
	 * @param startedBefore runs older than this go
	 * @param maxRuns runs kept at most
	 * @return the runs deleted
	 */
	long expire(Instant startedBefore, long maxRuns);

	/**
	 * Returns the number of stored runs.
	 * @return the count
	 */
	long count();

	@Override
	default void close() {
	}

}
