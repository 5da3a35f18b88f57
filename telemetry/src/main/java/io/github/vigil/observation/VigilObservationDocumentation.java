package io.github.vigil.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Vigil makes. With Micrometer Tracing and an OpenTelemetry bridge they become nested spans:
 * {@code invoke_agent {agent}} with {@code chat {model}} and {@code execute_tool {tool}} children, carrying the
 * OpenTelemetry GenAI attribute names.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public enum VigilObservationDocumentation implements ObservationDocumentation {

	/** One run: one call of an AI-service method. */
	RUN {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultRunObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OPERATION_NAME, LowCardinalityKeys.AGENT_NAME,
					LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR_TYPE, LowCardinalityKeys.WORKFLOW_NAME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.RUN_ID, HighCardinalityKeys.CONVERSATION_ID,
					HighCardinalityKeys.USER_ID, HighCardinalityKeys.INPUT_TOKENS, HighCardinalityKeys.OUTPUT_TOKENS,
					HighCardinalityKeys.MODEL_CALLS, HighCardinalityKeys.TOOL_CALLS, HighCardinalityKeys.INPUT,
					HighCardinalityKeys.OUTPUT, HighCardinalityKeys.OTEL_USER_ID, HighCardinalityKeys.SESSION_ID,
					HighCardinalityKeys.LANGSMITH_SPAN_KIND, HighCardinalityKeys.LANGSMITH_SESSION_ID,
					HighCardinalityKeys.LANGSMITH_USER_ID, HighCardinalityKeys.CACHE_READ_TOKENS,
					HighCardinalityKeys.REASONING_TOKENS, HighCardinalityKeys.LANGFUSE_INPUT,
					HighCardinalityKeys.LANGFUSE_OUTPUT };
		}
	},

	/** One model call. */
	MODEL_CALL {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultModelCallObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OPERATION_NAME, LowCardinalityKeys.PROVIDER_NAME,
					LowCardinalityKeys.REQUEST_MODEL, LowCardinalityKeys.RESPONSE_MODEL, LowCardinalityKeys.AGENT_NAME,
					LowCardinalityKeys.ERROR_TYPE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.INPUT_TOKENS, HighCardinalityKeys.OUTPUT_TOKENS,
					HighCardinalityKeys.FINISH_REASONS, HighCardinalityKeys.INPUT_MESSAGES,
					HighCardinalityKeys.OUTPUT_MESSAGES, HighCardinalityKeys.OTEL_USER_ID, HighCardinalityKeys.SESSION_ID,
					HighCardinalityKeys.LANGSMITH_SPAN_KIND, HighCardinalityKeys.LANGSMITH_SESSION_ID,
					HighCardinalityKeys.LANGSMITH_USER_ID, HighCardinalityKeys.CACHE_READ_TOKENS,
					HighCardinalityKeys.CACHE_WRITE_TOKENS, HighCardinalityKeys.CACHE_CREATION_TOKENS, HighCardinalityKeys.REASONING_TOKENS,
					HighCardinalityKeys.COST_AMOUNT, HighCardinalityKeys.COST_CURRENCY, HighCardinalityKeys.COST_SOURCE,
					HighCardinalityKeys.LANGFUSE_INPUT, HighCardinalityKeys.LANGFUSE_OUTPUT };
		}
	},

	/** One tool call. */
	TOOL_CALL {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultToolCallObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OPERATION_NAME, LowCardinalityKeys.TOOL_NAME,
					LowCardinalityKeys.AGENT_NAME, LowCardinalityKeys.OUTCOME, LowCardinalityKeys.ERROR_TYPE,
					LowCardinalityKeys.MCP_SERVER, LowCardinalityKeys.MCP_METHOD_NAME };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.TOOL_CALL_ID, HighCardinalityKeys.TOOL_CALL_ARGUMENTS,
					HighCardinalityKeys.TOOL_CALL_RESULT, HighCardinalityKeys.OTEL_USER_ID, HighCardinalityKeys.SESSION_ID,
					HighCardinalityKeys.LANGSMITH_SPAN_KIND, HighCardinalityKeys.LANGSMITH_SESSION_ID,
					HighCardinalityKeys.LANGSMITH_USER_ID, HighCardinalityKeys.LANGFUSE_INPUT,
					HighCardinalityKeys.LANGFUSE_OUTPUT };
		}
	},

	/**
	 * One step of another kind than a model or tool call (a retrieval, an embedding call), named by its kind's
	 * operation and its name; the facts it learned go on it as attributes.
	 */
	STEP {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultOtherStepObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OPERATION_NAME, LowCardinalityKeys.STEP_KIND,
					LowCardinalityKeys.STEP_NAME, LowCardinalityKeys.AGENT_NAME, LowCardinalityKeys.OUTCOME,
					LowCardinalityKeys.ERROR_TYPE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.OTEL_USER_ID, HighCardinalityKeys.SESSION_ID,
					HighCardinalityKeys.LANGSMITH_SPAN_KIND, HighCardinalityKeys.LANGSMITH_SESSION_ID,
					HighCardinalityKeys.LANGSMITH_USER_ID };
		}
	};

	/** Keys that go on spans and may become metric tags. */
	public enum LowCardinalityKeys implements KeyName {

		/** A multi-agent workflow's name, on its {@code invoke_workflow} span. */
		WORKFLOW_NAME {
			@Override
			public String asString() {
				return "gen_ai.workflow.name";
			}
		},

		/** The key of the MCP server that serves the tool (the application's MCP client), for a tool it serves. */
		MCP_SERVER {
			@Override
			public String asString() {
				return "vigil.mcp.server";
			}
		},

		/** The MCP method of a tool an MCP server serves: {@code tools/call}. */
		MCP_METHOD_NAME {
			@Override
			public String asString() {
				return "mcp.method.name";
			}
		},

		/** {@code invoke_agent}, {@code chat} or {@code execute_tool}. */
		OPERATION_NAME {
			@Override
			public String asString() {
				return "gen_ai.operation.name";
			}
		},

		/** The AI-service interface's simple name. */
		AGENT_NAME {
			@Override
			public String asString() {
				return "gen_ai.agent.name";
			}
		},

		/** The provider, with OpenTelemetry GenAI values. */
		PROVIDER_NAME {
			@Override
			public String asString() {
				return "gen_ai.provider.name";
			}
		},

		/** The model requested. */
		REQUEST_MODEL {
			@Override
			public String asString() {
				return "gen_ai.request.model";
			}
		},

		/** The model that answered. */
		RESPONSE_MODEL {
			@Override
			public String asString() {
				return "gen_ai.response.model";
			}
		},

		/** The tool's name. */
		TOOL_NAME {
			@Override
			public String asString() {
				return "gen_ai.tool.name";
			}
		},

		/** The outcome of a run or tool call. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The bounded error type, on failure only. */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}
		},

		/** The kind of a step of another kind than a model or tool call. */
		STEP_KIND {
			@Override
			public String asString() {
				return "vigil.step.kind";
			}
		},

		/** The bounded name of such a step: the retriever's, the guardrail's. */
		STEP_NAME {
			@Override
			public String asString() {
				return "vigil.step.name";
			}
		}

	}

	/** Keys that go on spans only. */
	public enum HighCardinalityKeys implements KeyName {

		/** The run id (LangChain4j's invocation id). */
		RUN_ID {
			@Override
			public String asString() {
				return "vigil.run.id";
			}
		},

		/** The chat memory id. */
		CONVERSATION_ID {
			@Override
			public String asString() {
				return "gen_ai.conversation.id";
			}
		},

		/** The user the run served. */
		USER_ID {
			@Override
			public String asString() {
				return "enduser.id";
			}
		},

		/** Input tokens. */
		INPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.input_tokens";
			}
		},

		/** Output tokens. */
		OUTPUT_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.output_tokens";
			}
		},

		/** Model calls in the run. */
		MODEL_CALLS {
			@Override
			public String asString() {
				return "gen_ai.invoke_agent.inference_calls";
			}
		},

		/** Tool calls in the run. */
		TOOL_CALLS {
			@Override
			public String asString() {
				return "gen_ai.invoke_agent.tool_calls";
			}
		},

		/** Why the model stopped. */
		FINISH_REASONS {
			@Override
			public String asString() {
				return "gen_ai.response.finish_reasons";
			}
		},

		/** The run's user message; only with content included. */
		INPUT {
			@Override
			public String asString() {
				return "gen_ai.input.messages";
			}
		},

		/** The run's answer; only with content included. */
		OUTPUT {
			@Override
			public String asString() {
				return "gen_ai.output.messages";
			}
		},

		/** The request messages of a model call; only with content included. */
		INPUT_MESSAGES {
			@Override
			public String asString() {
				return "gen_ai.input.messages";
			}
		},

		/** The answer of a model call; only with content included. */
		OUTPUT_MESSAGES {
			@Override
			public String asString() {
				return "gen_ai.output.messages";
			}
		},

		/** The tool call's id. */
		TOOL_CALL_ID {
			@Override
			public String asString() {
				return "gen_ai.tool.call.id";
			}
		},

		/** The tool call's arguments; only with content included. */
		TOOL_CALL_ARGUMENTS {
			@Override
			public String asString() {
				return "gen_ai.tool.call.arguments";
			}
		},

		/** The tool call's result; only with content included. */
		TOOL_CALL_RESULT {
			@Override
			public String asString() {
				return "gen_ai.tool.call.result";
			}
		},

		/** The user the run served, for backends that filter by it (Langfuse); only when known. */
		OTEL_USER_ID {
			@Override
			public String asString() {
				return "user.id";
			}
		},

		/** The chat memory id as a session, for backends that group by it (Langfuse). */
		SESSION_ID {
			@Override
			public String asString() {
				return "session.id";
			}
		},

		/** LangSmith's run type: {@code chain} for a run, {@code llm} for a model call, {@code tool} for a tool call. */
		LANGSMITH_SPAN_KIND {
			@Override
			public String asString() {
				return "langsmith.span.kind";
			}
		},

		/** The chat memory id as LangSmith's thread. */
		LANGSMITH_SESSION_ID {
			@Override
			public String asString() {
				return "langsmith.trace.session_id";
			}
		},

		/** The user the run served, as LangSmith metadata; only when known. */
		LANGSMITH_USER_ID {
			@Override
			public String asString() {
				return "langsmith.metadata.user_id";
			}
		},

		/** Input tokens read from the provider's prompt cache. */
		CACHE_READ_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.cache_read.input_tokens";
			}
		},

		/** Input tokens written to the provider's prompt cache. */
		CACHE_WRITE_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.cache_write.input_tokens";
			}
		},

		/**
		 * Input tokens written to the provider's prompt cache, in the previous conventions' name: only with
		 * {@code vigil.observations.conventions=both}.
		 */
		CACHE_CREATION_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.cache_creation.input_tokens";
			}
		},

		/** Output tokens spent on reasoning. */
		REASONING_TOKENS {
			@Override
			public String asString() {
				return "gen_ai.usage.reasoning.output_tokens";
			}
		},

		/** What the model call cost, from the price table. */
		COST_AMOUNT {
			@Override
			public String asString() {
				return "gen_ai.usage.cost.amount";
			}
		},

		/** The ISO 4217 currency of the cost. */
		COST_CURRENCY {
			@Override
			public String asString() {
				return "gen_ai.usage.cost.currency";
			}
		},

		/** Where the cost came from: {@code local}, computed by Vigil from token counts and its price table. */
		COST_SOURCE {
			@Override
			public String asString() {
				return "gen_ai.usage.cost.source";
			}
		},

		/** The input as Langfuse reads it; only with content included. */
		LANGFUSE_INPUT {
			@Override
			public String asString() {
				return "langfuse.observation.input";
			}
		},

		/** The output as Langfuse reads it; only with content included. */
		LANGFUSE_OUTPUT {
			@Override
			public String asString() {
				return "langfuse.observation.output";
			}
		}

	}

}
