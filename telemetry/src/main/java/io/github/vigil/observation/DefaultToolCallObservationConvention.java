package io.github.vigil.observation;

import io.github.vigil.observation.VigilObservationDocumentation.HighCardinalityKeys;
import io.github.vigil.observation.VigilObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default convention for tool calls: {@value #DEFAULT_NAME}, contextual name {@code execute_tool {tool}}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public class DefaultToolCallObservationConvention implements ToolCallObservationConvention {

	/** Observation name. */
	public static final String DEFAULT_NAME = "gen_ai.execute_tool";

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(ToolCallObservationContext context) {
		return "execute_tool " + context.getTool();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ToolCallObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = new Attributes().add(operationName(context))
			.add(toolName(context))
			.add(agentName(context))
			.add(outcome(context));
		if (context.getServer() != null) {
			// a tool an MCP server serves: the server, and the protocol's method, as the MCP conventions name it
			values.add(LowCardinalityKeys.MCP_SERVER.withValue(context.getServer()),
					LowCardinalityKeys.MCP_METHOD_NAME.withValue(McpCalls.TOOLS_CALL));
		}
		// the conventions set error.type only when the operation failed
		if (!"none".equals(context.getErrorType())) {
			values.add(errorType(context));
		}
		return values.toKeyValues();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ToolCallObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = context.identity("tool", new Attributes());
		if (context.getCallId() != null) {
			values.add(HighCardinalityKeys.TOOL_CALL_ID.withValue(context.getCallId()));
		}
		if (context.getArguments() != null) {
			values.add(HighCardinalityKeys.TOOL_CALL_ARGUMENTS.withValue(context.getArguments()),
					HighCardinalityKeys.LANGFUSE_INPUT.withValue(context.getArguments()));
		}
		if (context.getResult() != null) {
			values.add(HighCardinalityKeys.TOOL_CALL_RESULT.withValue(context.getResult()),
					HighCardinalityKeys.LANGFUSE_OUTPUT.withValue(context.getResult()));
		}
		return values.toKeyValues();
	}

	protected KeyValue operationName(ToolCallObservationContext context) {
		return LowCardinalityKeys.OPERATION_NAME.withValue("execute_tool");
	}

	protected KeyValue toolName(ToolCallObservationContext context) {
		return LowCardinalityKeys.TOOL_NAME.withValue(context.getTool());
	}

	protected KeyValue agentName(ToolCallObservationContext context) {
		return LowCardinalityKeys.AGENT_NAME.withValue(context.getAgent());
	}

	protected KeyValue outcome(ToolCallObservationContext context) {
		return LowCardinalityKeys.OUTCOME.withValue("none".equals(context.getErrorType()) ? "success" : "error");
	}

	protected KeyValue errorType(ToolCallObservationContext context) {
		return LowCardinalityKeys.ERROR_TYPE.withValue(context.getErrorType());
	}

}
