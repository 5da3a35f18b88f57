package io.github.vigil.guard;

import java.util.Map;
import java.util.Objects;

/**
 * The context-window guard: before every model call of a run, the request's size is compared with the model's
 * context window, and at {@code threshold} or above the guard acts.
 *
 * @param enabled whether the guard is on
 * @param threshold the utilization (request tokens / window) at which the guard acts, in (0, 1]
 * @param windows context windows by model name, on top of the built-in ones; a name matches a model whose name
 * starts with it
 * @param defaultWindow the window of models neither {@code windows} nor the built-in table knows
 * @param action what the guard does
 * @param keepRecentMessages how many of the most recent messages a summary never replaces
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ContextWindowPolicy(boolean enabled, double threshold, Map<String, Integer> windows, int defaultWindow,
		ContextAction action, int keepRecentMessages) {

	public ContextWindowPolicy {
		if (!(threshold > 0 && threshold <= 1)) {
			throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
		}
		if (defaultWindow < 256) {
			throw new IllegalArgumentException("defaultWindow must be at least 256 tokens, was " + defaultWindow);
		}
		if (keepRecentMessages < 1) {
			throw new IllegalArgumentException("keepRecentMessages must be positive, was " + keepRecentMessages);
		}
		windows.forEach((model, window) -> {
			if (window < 256) {
				throw new IllegalArgumentException("window of " + model + " must be at least 256 tokens, was " + window);
			}
		});
		windows = Map.copyOf(windows);
		Objects.requireNonNull(action, "action must not be null");
	}

	/**
	 * Returns the defaults: on, threshold 0.8, built-in windows, 32,768 tokens for unknown models, summarize,
	 * keep the 6 most recent messages.
	 * @return the default policy
	 */
	public static ContextWindowPolicy defaults() {
		return new ContextWindowPolicy(true, 0.8, Map.of(), 32_768, ContextAction.SUMMARIZE, 6);
	}

}
