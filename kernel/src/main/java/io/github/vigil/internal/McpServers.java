package io.github.vigil.internal;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.service.tool.ToolExecutor;
import org.jspecify.annotations.Nullable;

/**
 * The MCP server behind a tool executor of LangChain4j's MCP client ({@code langchain4j-mcp}, which Vigil does not
 * depend on): its client's key, read once per executor class and client. Any other executor has none.
 */
final class McpServers {

	private static final String MCP_EXECUTOR = "dev.langchain4j.mcp.McpToolExecutor";

	private static final Map<Class<?>, Field> clientFields = new ConcurrentHashMap<>();

	/** Each client's server by the client: LangChain4j's MCP tool provider makes new executors for every run. */
	private static final Map<Object, Server> servers = java.util.Collections
		.synchronizedMap(new java.util.WeakHashMap<>());

	private McpServers() {
	}

	/**
	 * The MCP server behind an executor: its client's key, and the text the client answers a tool call with when the
	 * server did not answer in time (a result, not an exception, so Vigil tells it from the tool's own words).
	 */
	record Server(String key, @Nullable String timeoutText) {
	}

	private static final Server UNKNOWN = new Server("", null);

	static @Nullable Server of(ToolExecutor executor) {
		if (!MCP_EXECUTOR.equals(executor.getClass().getName())) {
			return null;
		}
		try {
			Field field = clientFields.computeIfAbsent(executor.getClass(), McpServers::clientField);
			Object client = (field != null) ? field.get(executor) : null;
			if (client == null) {
				return UNKNOWN;
			}
			Server known = servers.get(client);
			if (known == null) {
				Object key = client.getClass().getMethod("key").invoke(client);
				String text = (key != null) ? key.toString() : "";
				// the key names the server in logs: bounded as a tool's name is
				known = new Server((text.length() > 64) ? text.substring(0, 64) : text, timeoutText(client));
				servers.put(client, known);
			}
			return known;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// a client of another shape: its tools are still observed, without the server's key
			return UNKNOWN;
		}
	}

	private static @Nullable String timeoutText(Object client) {
		try {
			Field field = client.getClass().getDeclaredField("toolExecutionTimeoutErrorMessage");
			field.setAccessible(true);
			Object text = field.get(client);
			return (text instanceof String message && !message.isBlank()) ? message : null;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable Field clientField(Class<?> type) {
		try {
			Field field = type.getDeclaredField("mcpClient");
			field.setAccessible(true);
			return field;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

}
