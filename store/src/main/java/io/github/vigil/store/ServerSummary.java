package io.github.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One MCP server over a window: its tools' calls and failures together, so a failing server shows as one, with each
 * tool's own summary beside.
 *
 * @param server the MCP client's key
 * @param window the window, ending now
 * @param calls calls of its tools in the window
 * @param errors failures among them
 * @param errorTypes the failures by type, most frequent first
 * @param usersAffectedAtLeast distinct users among the failures of its most user-hitting tool: a user who hit two of
 * its tools counts once per tool in the tools' summaries, so the server's count is a lower bound
 * @param onset the earliest onset among its tools, {@code null} when none stepped up
 * @param tools each tool's summary over the same window
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ServerSummary(String server, Duration window, long calls, long errors, List<ErrorTypeCount> errorTypes,
		long usersAffectedAtLeast, @Nullable Instant onset, List<ToolSummary> tools) {

	public ServerSummary {
		errorTypes = List.copyOf(errorTypes);
		tools = List.copyOf(tools);
	}

	/**
	 * Returns the share of calls that failed.
	 * @return the error rate, 0 without calls
	 */
	public double errorRate() {
		return (this.calls > 0) ? (double) this.errors / this.calls : 0;
	}

}
