package io.github.vigil.guard;

import java.util.Map;
import java.util.Objects;

import io.github.vigil.run.GuardAction;

/**
 * The loop kill-switch: the {@code sameToolThreshold}-th request for one tool in a run, or the
 * {@code identicalCallThreshold}-th request with the same tool and the same arguments, is not executed and ends
 * the run.
 *
 * @param enabled whether the guard is on
 * @param sameToolThreshold the request count for one tool that ends the run
 * @param toolThresholds per-tool overrides of {@code sameToolThreshold}, by tool name
 * @param identicalCallThreshold the count of identical requests (same tool, same arguments) that ends the run,
 * whatever the per-tool threshold
 * @param action what the caller gets
 * @param message the graceful answer for {@link GuardAction#END}
 * @param perAgent in a multi-agent workflow, whether requests are counted per sub-agent invocation rather than
 * across the whole workflow (the default)
 * @author Vigil contributors
 * @since 0.1.0
 */
public record LoopPolicy(boolean enabled, int sameToolThreshold, Map<String, Integer> toolThresholds,
		int identicalCallThreshold, GuardAction action, String message, boolean perAgent) {

	/** The default graceful answer. */
	public static final String DEFAULT_MESSAGE = "Sorry, I couldn't finish this. I've passed your request to a "
			+ "colleague who will follow up.";

	public LoopPolicy {
		requireThreshold("sameToolThreshold", sameToolThreshold);
		requireThreshold("identicalCallThreshold", identicalCallThreshold);
		toolThresholds.forEach((tool, threshold) -> requireThreshold("toolThresholds." + tool, threshold));
		toolThresholds = Map.copyOf(toolThresholds);
		Objects.requireNonNull(action, "action must not be null");
		Objects.requireNonNull(message, "message must not be null");
	}

	/**
	 * Creates a policy that counts across a whole workflow.
	 * @param enabled whether the guard is on
	 * @param sameToolThreshold the request count for one tool that ends the run
	 * @param toolThresholds per-tool overrides
	 * @param identicalCallThreshold the count of identical requests that ends the run
	 * @param action what the caller gets
	 * @param message the graceful answer
	 */
	public LoopPolicy(boolean enabled, int sameToolThreshold, Map<String, Integer> toolThresholds,
			int identicalCallThreshold, GuardAction action, String message) {
		this(enabled, sameToolThreshold, toolThresholds, identicalCallThreshold, action, message, false);
	}

	/**
	 * Returns this policy counting per sub-agent invocation, or across the workflow.
	 * @param perAgent whether to count per sub-agent invocation
	 * @return the policy
	 */
	public LoopPolicy withPerAgent(boolean perAgent) {
		return new LoopPolicy(this.enabled, this.sameToolThreshold, this.toolThresholds, this.identicalCallThreshold,
				this.action, this.message, perAgent);
	}

	/**
	 * Returns the defaults: on, 3 requests of one tool, 3 identical requests, end with the default message.
	 * @return the default policy
	 */
	public static LoopPolicy defaults() {
		return new LoopPolicy(true, 3, Map.of(), 3, GuardAction.END, DEFAULT_MESSAGE);
	}

	/**
	 * Returns the threshold for a tool.
	 * @param tool the tool name
	 * @return its threshold
	 */
	public int thresholdFor(String tool) {
		Integer threshold = this.toolThresholds.get(tool);
		return (threshold != null) ? threshold : this.sameToolThreshold;
	}

	static void requireThreshold(String name, int value) {
		if (value < 2) {
			throw new IllegalArgumentException(name + " must be at least 2 (the first call always runs), was " + value);
		}
	}

}
