package io.github.vigil.observation;

import io.github.vigil.run.RunRecord;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Context of a run's observation ({@code invoke_agent {agent}}).
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RunObservationContext extends Observation.Context {

	private final String agent;

	private final String runId;

	private final String userId;

	private final @Nullable String memoryId;

	private @Nullable String input;

	private @Nullable RunRecord record;

	private boolean workflow;

	/**
	 * Tells whether the run is a multi-agent workflow's: an {@code invoke_workflow} span.
	 * @return whether it is
	 */
	public boolean isWorkflow() {
		return this.workflow;
	}

	/**
	 * Sets whether the run is a multi-agent workflow's.
	 * @param workflow whether it is
	 */
	public void setWorkflow(boolean workflow) {
		this.workflow = workflow;
	}

	public RunObservationContext(String agent, String runId, String userId, @Nullable String memoryId) {
		this.agent = agent;
		this.runId = runId;
		this.userId = userId;
		this.memoryId = memoryId;
	}

	public String getAgent() {
		return this.agent;
	}

	public String getRunId() {
		return this.runId;
	}

	public String getUserId() {
		return this.userId;
	}

	public @Nullable String getMemoryId() {
		return this.memoryId;
	}

	/**
	 * Returns the user message, set only when content is included in traces.
	 * @return the input or {@code null}
	 */
	public @Nullable String getInput() {
		return this.input;
	}

	public void setInput(@Nullable String input) {
		this.input = input;
	}

	/**
	 * Returns the finished run, {@code null} while it runs.
	 * @return the record or {@code null}
	 */
	public @Nullable RunRecord getRecord() {
		return this.record;
	}

	/**
	 * Marks the run finished.
	 * @param record the finished run
	 * @param includeContent whether the answer may go on the span
	 */
	public void finished(RunRecord record, boolean includeContent) {
		this.record = includeContent ? record
				: record.toBuilder()
					.content(null, null)
					.ending(record.outcome(), record.errorType(), null)
					.build();
	}

	/**
	 * Returns whether the run ended: the conventions compute key values only then, once, because spans are tagged
	 * when they end.
	 * @return whether it ended
	 */
	public boolean isEnded() {
		return this.record != null;
	}

}
