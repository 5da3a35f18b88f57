package io.github.vigil.store;

import java.util.Set;

/**
 * What replay may do. Replay re-executes the application's tools, so it is off unless enabled, and only tools
 * declared replayable run again: tools with side effects (a refund, a cancellation) must not be on the list.
 *
 * @param enabled whether replay is allowed
 * @param tools the tools that may be re-executed with recorded arguments
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ReplayPolicy(boolean enabled, Set<String> tools) {

	public ReplayPolicy {
		tools = Set.copyOf(tools);
	}

	/**
	 * Returns the default: off, no tool replayable.
	 * @return the policy
	 */
	public static ReplayPolicy off() {
		return new ReplayPolicy(false, Set.of());
	}

}
