package io.github.vigil.metrics;

/**
 * Tag keys and the bounded tag values Vigil uses. Values never carry user ids, run ids or arguments.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class TagKeys {

	/** Operation name: {@code chat} for model calls, {@code summarize} for the context-window guard's summaries. */
	public static final String OPERATION_NAME = "gen_ai.operation.name";

	/** Provider, with OpenTelemetry GenAI values such as {@code openai} or {@code anthropic}. */
	public static final String PROVIDER_NAME = "gen_ai.provider.name";

	/** Model the request asked for. */
	public static final String REQUEST_MODEL = "gen_ai.request.model";

	/** Model that answered. */
	public static final String RESPONSE_MODEL = "gen_ai.response.model";

	/** Token type: {@code input} or {@code output}. */
	public static final String TOKEN_TYPE = "gen_ai.token.type";

	/** Token modality: {@code text} (LangChain4j reports no split by modality). */
	public static final String TOKEN_MODALITY = "gen_ai.token.modality";

	/** The key of the MCP server that served a tool (the application's configured client). */
	public static final String MCP_SERVER = "vigil.mcp.server";

	/** A multi-agent workflow's name. */
	public static final String WORKFLOW_NAME = "gen_ai.workflow.name";

	/** Agent: the AI-service interface's simple name, or {@code none} outside any AI service. */
	public static final String AGENT_NAME = "gen_ai.agent.name";

	/** The scorer of an eval score, such as {@code resolution}. */
	public static final String SCORER = "scorer";

	/** Tool name as declared to the model, or {@code _unknown} for a tool the model invented. */
	public static final String TOOL_NAME = "gen_ai.tool.name";

	/** Bounded error type, {@code none} when there is no error. */
	public static final String ERROR_TYPE = "error.type";

	/** The kind of a step of another kind than a model or tool call: {@code retrieval}, ... */
	public static final String STEP_KIND = "vigil.step.kind";

	/** The bounded name of such a step: the retriever's, the guardrail's. */
	public static final String STEP_NAME = "vigil.step.name";

	/** Outcome of a tool call ({@code success}, {@code error}) or of a run ({@code completed}, {@code error}). */
	public static final String OUTCOME = "outcome";

	/** The guard that made a decision: {@code loop}, {@code budget} or {@code context-window}. */
	public static final String GUARD = "guard";

	/** What a guard did: {@code ended}, {@code error}, {@code warned}, {@code summarized} or {@code trimmed}. */
	public static final String ACTION = "action";

	/** Kind of an unbacked item: {@code url}, {@code price}, {@code person} or {@code identifier}. */
	public static final String KIND = "kind";

	/** Result of a check: {@code clean} or {@code flagged}. */
	public static final String RESULT = "result";

	/** Alert id, such as {@code tool-error-rate}. */
	public static final String ALERT = "alert";

	/** What an alert is about: a tool, a model ({@code model:<name>}), an agent. */
	public static final String SUBJECT = "subject";

	/** Alert severity: {@code warning} or {@code critical}. */
	public static final String SEVERITY = "severity";

	/** Vigil component that failed internally. */
	public static final String COMPONENT = "component";

	/** Operation name value of a chat model call. */
	public static final String OPERATION_CHAT = "chat";

	/** Operation name value of a model call that summarizes a conversation for the context-window guard. */
	public static final String OPERATION_SUMMARIZE = "summarize";

	/** Token type value for prompt tokens. */
	public static final String TOKEN_INPUT = "input";

	/** Token type value for completion tokens. */
	public static final String TOKEN_OUTPUT = "output";

	/** Agent value of a model call made outside any AI service. */
	public static final String AGENT_NONE = "none";

	/** Value of {@link #ERROR_TYPE} when there is no error. */
	public static final String ERROR_NONE = "none";

	/** Value used when a model name or provider is not known. */
	public static final String UNKNOWN = "unknown";

	/** Tool name value for a tool the model asked for that does not exist. */
	public static final String TOOL_UNKNOWN = "_unknown";

	/** Outcome value of a tool call that returned a usable answer. */
	public static final String OUTCOME_SUCCESS = "success";

	/** Outcome value of a failed tool call or run. */
	public static final String OUTCOME_ERROR = "error";

	private TagKeys() {
	}

}
