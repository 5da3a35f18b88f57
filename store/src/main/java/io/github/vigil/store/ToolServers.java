package io.github.vigil.store;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which MCP server served which tools, as this application's tool calls showed: how triage finds a server's tools.
 * Bounded as tool names are: the tools AI services declare, each under the servers that served it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ToolServers {

	private final Map<String, Set<String>> toolsByServer = new ConcurrentHashMap<>();

	/**
	 * Notes that a server served a tool.
	 * @param server the MCP client's key
	 * @param tool the tool
	 */
	public void served(String server, String tool) {
		Set<String> tools = this.toolsByServer.get(server);
		if (tools == null || !tools.contains(tool)) {
			this.toolsByServer.computeIfAbsent(server, (key) -> ConcurrentHashMap.newKeySet()).add(tool);
		}
	}

	/**
	 * Returns the tools a server served.
	 * @param server the MCP client's key
	 * @return its tools, sorted; empty for a server never seen
	 */
	public List<String> tools(String server) {
		Set<String> tools = this.toolsByServer.get(server);
		return (tools != null) ? List.copyOf(new TreeSet<>(tools)) : List.of();
	}

	/**
	 * Returns the servers seen.
	 * @return their keys, sorted
	 */
	public List<String> servers() {
		return List.copyOf(new TreeSet<>(this.toolsByServer.keySet()));
	}

}
