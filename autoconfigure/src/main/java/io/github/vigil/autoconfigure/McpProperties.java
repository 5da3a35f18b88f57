package io.github.vigil.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Tools served by MCP servers through LangChain4j's MCP client.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.mcp")
public class McpProperties {

	/**
	 * Whether a tool call of LangChain4j's MCP client names the server that served it: run log tool_calls[].server,
	 * the vigil.mcp.server span and meter tag, mcp.client.operation.duration, and triage per server.
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
