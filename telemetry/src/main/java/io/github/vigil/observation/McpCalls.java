package io.github.vigil.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.vigil.metrics.MeteredByVigil;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * The request a tool call sends to an MCP server, as a client span under the tool call's
 * ({@code tools/call {tool}}, {@code mcp.method.name}, {@code gen_ai.tool.name}), whose trace context the
 * application's tracer writes into the request's {@code _meta} ({@code traceparent}, and {@code tracestate} when
 * there is one), so the server's spans join the run's trace, as the MCP conventions describe. The span ends with the
 * tool call.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class McpCalls {

	/** The conventions' method of a tool call. */
	public static final String TOOLS_CALL = "tools/call";

	private static final String KEY = McpCalls.class.getName();

	private McpCalls() {
	}

	/**
	 * Starts the MCP request's span under the tool call in scope and returns the entries of its {@code _meta}.
	 * @param registry where observations go
	 * @return the entries; empty when nothing traces or no tool call of Vigil's is in scope
	 */
	public static Map<String, Object> meta(ObservationRegistry registry) {
		if (registry.isNoop()) {
			return Map.of();
		}
		Observation current = registry.getCurrentObservation();
		if (current == null || !(current.getContext() instanceof ToolCallObservationContext tool)
				|| tool.get(KEY) != null) {
			return Map.of();
		}
		Map<String, Object> meta = new LinkedHashMap<>();
		RequestContext context = new RequestContext(meta);
		context.setContextualName(TOOLS_CALL + " " + tool.getTool());
		context.addLowCardinalityKeyValue(KeyValue.of("mcp.method.name", TOOLS_CALL));
		context.addLowCardinalityKeyValue(KeyValue.of("gen_ai.operation.name", "execute_tool"));
		context.addLowCardinalityKeyValue(KeyValue.of("gen_ai.tool.name", tool.getTool()));
		if (tool.getServer() != null) {
			context.addLowCardinalityKeyValue(KeyValue.of("vigil.mcp.server", tool.getServer()));
		}
		Observation request = Observation.createNotStarted("mcp.client.operation", () -> context, registry)
			.parentObservation(current)
			.start();
		tool.put(KEY, request);
		return meta;
	}

	/**
	 * Ends the MCP request's span of a tool call, if it has one.
	 * @param tool the tool call's observation context
	 * @param errorType the call's bounded error type, {@code null} or {@code none} on success
	 */
	static void ended(Observation.Context tool, @Nullable String errorType) {
		Observation request = tool.get(KEY);
		if (request == null) {
			return;
		}
		if (errorType != null && !"none".equals(errorType)) {
			request.getContext().addLowCardinalityKeyValue(KeyValue.of("error.type", errorType));
			request.error(new FailedStep(errorType));
		}
		request.stop();
	}

	/** The request's context: what a propagating tracer writes the trace context into. */
	static final class RequestContext extends SenderContext<Map<String, Object>> implements MeteredByVigil {

		RequestContext(Map<String, Object> meta) {
			super((carrier, key, value) -> {
				if (carrier != null) {
					carrier.put(key, value);
				}
			}, Kind.CLIENT);
			setCarrier(meta);
		}

	}

}
