package io.github.vigil.observation;

import io.github.vigil.observation.VigilObservationDocumentation.HighCardinalityKeys;
import io.github.vigil.observation.VigilObservationDocumentation.LowCardinalityKeys;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunRecord;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

/**
 * Default convention for runs: {@value #DEFAULT_NAME}, contextual name {@code invoke_agent {agent}}, or
 * {@code invoke_workflow {workflow}} with operation {@code invoke_workflow} for a multi-agent workflow's run.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public class DefaultRunObservationConvention implements RunObservationConvention {

	/** Observation name. */
	public static final String DEFAULT_NAME = "gen_ai.invoke_agent";

	@Override
	public String getName() {
		return DEFAULT_NAME;
	}

	@Override
	public String getContextualName(RunObservationContext context) {
		return (context.isWorkflow() ? "invoke_workflow " : "invoke_agent ") + context.getAgent();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(RunObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = new Attributes().add(operationName(context)).add(agentName(context)).add(outcome(context));
		if (context.isWorkflow()) {
			values.add(LowCardinalityKeys.WORKFLOW_NAME.withValue(context.getAgent()));
		}
		// the conventions set error.type only when the operation failed
		RunRecord record = context.getRecord();
		if (record != null && record.errorType() != null) {
			values.add(errorType(context));
		}
		return values.toKeyValues();
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(RunObservationContext context) {
		if (!context.isEnded()) {
			return KeyValues.empty();
		}
		Attributes values = new Attributes().add(HighCardinalityKeys.RUN_ID.withValue(context.getRunId()))
			.add(HighCardinalityKeys.USER_ID.withValue(context.getUserId()))
			.add(HighCardinalityKeys.LANGSMITH_SPAN_KIND.withValue("chain"));
		if (!Run.ANONYMOUS.equals(context.getUserId())) {
			values.add(HighCardinalityKeys.OTEL_USER_ID.withValue(context.getUserId()),
					HighCardinalityKeys.LANGSMITH_USER_ID.withValue(context.getUserId()));
		}
		if (context.getMemoryId() != null) {
			values.add(HighCardinalityKeys.CONVERSATION_ID.withValue(context.getMemoryId()),
					HighCardinalityKeys.SESSION_ID.withValue(context.getMemoryId()))
				.add(HighCardinalityKeys.LANGSMITH_SESSION_ID.withValue(context.getMemoryId()));
		}
		RunRecord record = context.getRecord();
		if (record != null) {
			values.add(HighCardinalityKeys.INPUT_TOKENS.withValue(String.valueOf(record.inputTokens())),
					HighCardinalityKeys.OUTPUT_TOKENS.withValue(String.valueOf(record.outputTokens())))
				.add(HighCardinalityKeys.MODEL_CALLS.withValue(String.valueOf(record.modelCalls())),
						HighCardinalityKeys.TOOL_CALLS.withValue(String.valueOf(record.toolCalls().size())));
			if (record.cacheReadTokens() > 0) {
				values.add(HighCardinalityKeys.CACHE_READ_TOKENS.withValue(String.valueOf(record.cacheReadTokens())));
			}
			if (record.reasoningTokens() > 0) {
				values.add(HighCardinalityKeys.REASONING_TOKENS.withValue(String.valueOf(record.reasoningTokens())));
			}
			if (record.output() != null) {
				values.add(HighCardinalityKeys.OUTPUT.withValue(record.output()),
						HighCardinalityKeys.LANGFUSE_OUTPUT.withValue(record.output()));
			}
		}
		if (context.getInput() != null) {
			values.add(HighCardinalityKeys.INPUT.withValue(context.getInput()),
					HighCardinalityKeys.LANGFUSE_INPUT.withValue(context.getInput()));
		}
		return values.toKeyValues();
	}

	protected KeyValue operationName(RunObservationContext context) {
		return LowCardinalityKeys.OPERATION_NAME.withValue(context.isWorkflow() ? "invoke_workflow" : "invoke_agent");
	}

	protected KeyValue agentName(RunObservationContext context) {
		return LowCardinalityKeys.AGENT_NAME.withValue(context.getAgent());
	}

	protected KeyValue outcome(RunObservationContext context) {
		RunRecord record = context.getRecord();
		return LowCardinalityKeys.OUTCOME.withValue((record != null) ? record.outcome().value() : "running");
	}

	protected KeyValue errorType(RunObservationContext context) {
		RunRecord record = context.getRecord();
		String type = (record != null && record.errorType() != null) ? record.errorType() : "none";
		return LowCardinalityKeys.ERROR_TYPE.withValue(type);
	}

}
