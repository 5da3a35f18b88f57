package io.github.vigil.run;

import org.jspecify.annotations.Nullable;

/**
 * One guard decision in a run, as the run log's {@code guard_trips} shows it.
 *
 * @param guard the guard: {@code loop}, {@code budget}, {@code context-window}, or a custom guard's name
 * @param rule which of the guard's limits tripped, bounded: for example {@code identical-calls} or
 * {@code token-baseline}
 * @param tool the tool the decision is about, {@code null} when it is about the run
 * @param count the count that tripped the guard: calls of the tool, identical calls, model calls, tokens, or the
 * context-window utilization in percent
 * @param arguments the tool call's arguments, {@code null} when not about a tool call
 * @param action the action taken: {@code ended}, {@code error}, {@code warned}, {@code refused},
 * {@code summarized} or {@code trimmed}
 * @param reason a short, user-safe description of the pattern
 * @param agent the sub-agent whose call tripped the guard, in a multi-agent workflow; {@code null} otherwise
 * @author Vigil contributors
 * @since 0.1.0
 */
public record GuardTrip(String guard, String rule, @Nullable String tool, long count, @Nullable String arguments,
		String action, String reason, @Nullable String agent) {

	/** Name of the logger guard decisions are logged on, at WARN. */
	public static final String LOGGER_NAME = "vigil.guards";

	/**
	 * Creates a decision about a run that is not part of a workflow.
	 * @param guard the guard
	 * @param rule the rule
	 * @param tool the tool, {@code null} when about the run
	 * @param count the count that tripped it
	 * @param arguments the tool call's arguments, {@code null} when not about a tool call
	 * @param action the action taken
	 * @param reason a short, user-safe description
	 */
	public GuardTrip(String guard, String rule, @Nullable String tool, long count, @Nullable String arguments,
			String action, String reason) {
		this(guard, rule, tool, count, arguments, action, reason, null);
	}

	/**
	 * Returns this decision naming the sub-agent that tripped it.
	 * @param agent the sub-agent
	 * @return the decision
	 */
	public GuardTrip withAgent(@Nullable String agent) {
		return new GuardTrip(this.guard, this.rule, this.tool, this.count, this.arguments, this.action, this.reason,
				agent);
	}

	/**
	 * Returns this decision with another action.
	 * @param action the action
	 * @return the decision
	 */
	public GuardTrip withAction(String action) {
		return new GuardTrip(this.guard, this.rule, this.tool, this.count, this.arguments, action, this.reason,
				this.agent);
	}

}
