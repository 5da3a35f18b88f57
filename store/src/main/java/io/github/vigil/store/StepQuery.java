package io.github.vigil.store;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which stored steps a range question is about: a kind and a name (a tool's calls, a retriever's retrievals), and
 * for tools an MCP server serves, optionally only the calls one server served.
 *
 * @param kind the steps' kind, such as {@link StoredStep#TOOL}
 * @param name the steps' name: the tool's, the retriever's
 * @param server only the calls this MCP server served (the MCP client's key), {@code null} for all
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StepQuery(String kind, String name, @Nullable String server) {

	public StepQuery {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(name, "name must not be null");
	}

	/**
	 * A tool's calls, whichever server served them.
	 * @param tool the tool
	 * @return the query
	 */
	public static StepQuery tool(String tool) {
		return new StepQuery(StoredStep.TOOL, tool, null);
	}

}
