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

	private McpServers() {
	}

	static @Nullable String keyOf(ToolExecutor executor) {
		if (!MCP_EXECUTOR.equals(executor.getClass().getName())) {
			return null;
		}
		try {
			Field field = clientFields.computeIfAbsent(executor.getClass(), McpServers::clientField);
			Object client = (field != null) ? field.get(executor) : null;
			Object key = (client != null) ? client.getClass().getMethod("key").invoke(client) : null;
			String text = (key != null) ? key.toString() : "";
			// the key names the server in meters and logs: bounded as a tool's name is
			return (text.length() > 64) ? text.substring(0, 64) : text;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			// a client of another shape: its tools are still observed, without the server's key
			return "";
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
