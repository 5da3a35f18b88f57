package io.github.vigil.guard;

import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * The loop kill-switch: counts a run's tool requests by tool and by fingerprint (tool and arguments without
 * insignificant whitespace); at a threshold the request is not executed and the run ends, with the graceful answer
 * or an error as the {@link LoopPolicy} says.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class LoopGuard implements RunMiddleware {

	private final LoopPolicy policy;

	/**
	 * Creates the guard.
	 * @param policy its policy
	 */
	public LoopGuard(LoopPolicy policy) {
		this.policy = policy;
	}

	@Override
	public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
		Run run = call.run();
		if (run == null || !this.policy.enabled()) {
			return null;
		}
		String tool = call.tool();
		String arguments = call.request().arguments();
		// across the whole workflow by default: a loop spread over sub-agents is still a loop
		ToolRequestTally tally = this.policy.perAgent() ? run.ownState(ToolRequestTally.class, ToolRequestTally::new)
				: run.state(ToolRequestTally.class, ToolRequestTally::new);
		ToolRequestTally.ToolRequestCount count;
		synchronized (tally) {
			count = tally.count(tool, fingerprint(tool, arguments));
		}
		if (count.identical() >= this.policy.identicalCallThreshold()) {
			return end(run, new GuardTrip(GuardNames.LOOP, "identical-calls", tool, count.identical(), arguments, "",
					"identical call to '" + tool + "' " + count.identical() + " times"));
		}
		if (count.sameTool() >= this.policy.thresholdFor(tool)) {
			return end(run, new GuardTrip(GuardNames.LOOP, "calls-per-tool", tool, count.sameTool(), arguments, "",
					"tool '" + tool + "' called " + count.sameTool() + " times"));
		}
		return null;
	}

	/** Ends the run; the kernel then refuses this call and every later one. */
	private @Nullable ToolExecutionResult end(Run run, GuardTrip trip) {
		run.end(trip, this.policy.action(), this.policy.message());
		return null;
	}

	/**
	 * The tool name and its arguments without insignificant whitespace, so the same call spelled differently is
	 * still the same call.
	 */
	static String fingerprint(String tool, @Nullable String arguments) {
		StringBuilder out = new StringBuilder(tool.length() + ((arguments != null) ? arguments.length() : 0) + 1);
		out.append(tool).append('\u0000');
		if (arguments == null) {
			return out.toString();
		}
		boolean inString = false;
		boolean escaped = false;
		for (int i = 0; i < arguments.length(); i++) {
			char c = arguments.charAt(i);
			if (inString) {
				out.append(c);
				if (escaped) {
					escaped = false;
				}
				else if (c == '\\') {
					escaped = true;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (!Character.isWhitespace(c)) {
				out.append(c);
				inString = c == '"';
			}
		}
		return out.toString();
	}

}
