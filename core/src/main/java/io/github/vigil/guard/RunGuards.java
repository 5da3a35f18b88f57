package io.github.vigil.guard;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.log.ContentRedactor;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loop kill-switch, the run budgets and the context-window guard. Called before every tool call and every
 * model call of a run; a
 * decision to end the run is taken at the tool call (which is then not executed) or at the model call, and carried
 * out at the next model call: with {@link GuardAction#END} the model is not called and the AI service returns the
 * graceful answer, with {@link GuardAction#ERROR} the caller gets a {@link RunKilledException}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RunGuards {

	/** Name of the logger guard decisions are logged on, at WARN. */
	public static final String LOGGER_NAME = "vigil.guards";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private static final String NOT_EXECUTED = "This tool call was not executed: the run was ended by a guard.";

	private final LoopPolicy loop;

	private final BudgetPolicy budget;

	private final TokenBaselines baselines;

	private final MeterRegistry registry;

	private final ContentRedactor redactor;

	private final ContextWindowGuard contextWindow;

	private final Map<TripKey, Counter> tripCounters = new ConcurrentHashMap<>();

	private final Signals signals;

	/**
	 * Creates the guards.
	 * @param loop the loop kill-switch policy
	 * @param budget the budget policy
	 * @param contextWindow the context-window policy
	 * @param registry where trips and baselines are recorded
	 * @param redactor how arguments are made safe for the log
	 * @param signals told of each loop kill, context-window trip and run past its token baseline, for alerts
	 */
	public RunGuards(LoopPolicy loop, BudgetPolicy budget, ContextWindowPolicy contextWindow, MeterRegistry registry,
			ContentRedactor redactor, Signals signals) {
		this.signals = signals;
		this.loop = loop;
		this.budget = budget;
		this.contextWindow = new ContextWindowGuard(contextWindow, registry);
		this.baselines = new TokenBaselines(budget.baselineMinRuns(), budget.baselineWindow());
		this.registry = registry;
		this.redactor = redactor;
	}

	/**
	 * Decides whether a tool call the model asked for may run.
	 * @param run the run
	 * @param tool the tool
	 * @param request the model's request
	 * @return {@code null} to execute the tool, or the result to return instead of executing it
	 */
	public @Nullable ToolExecutionResult beforeToolCall(Run run, String tool, ToolExecutionRequest request) {
		if (run.kill() != null) {
			return notExecuted();
		}
		Run.ToolRequestCount count = run.countToolRequest(tool, fingerprint(tool, request.arguments()));
		if (this.loop.enabled()) {
			if (count.identical() >= this.loop.identicalCallThreshold()) {
				end(run, new GuardTrip(GuardTrip.LOOP, tool, count.identical(), request.arguments(), "",
						"identical call to '" + tool + "' " + count.identical() + " times"), this.loop.action(),
						this.loop.message());
				return notExecuted();
			}
			if (count.sameTool() >= this.loop.thresholdFor(tool)) {
				end(run, new GuardTrip(GuardTrip.LOOP, tool, count.sameTool(), request.arguments(), "",
						"tool '" + tool + "' called " + count.sameTool() + " times"), this.loop.action(),
						this.loop.message());
				return notExecuted();
			}
		}
		if (count.total() > this.budget.maxToolCalls()) {
			end(run, new GuardTrip(GuardTrip.BUDGET, tool, count.total(), request.arguments(), "",
					"more than " + this.budget.maxToolCalls() + " tool calls"), this.budget.action(),
					this.budget.message());
			return notExecuted();
		}
		return null;
	}

	/**
	 * Decides whether a model call of a run may go out, and in what shape: the context-window guard may summarize
	 * or trim it.
	 * @param run the run
	 * @param request the request
	 * @param model the model the request is for, if known
	 * @param summarizer writes a summary for the context-window guard, {@code null} when none is available
	 * @return the request to send, or the answer to return instead of calling the model
	 * @throws RunKilledException when a guard ended the run with {@link GuardAction#ERROR}, or with
	 * {@link GuardAction#END} on a method that cannot return a graceful answer
	 */
	public Decision beforeModelCall(Run run, ChatRequest request, @Nullable String model,
			@Nullable Summarizer summarizer) {
		if (run.kill() == null) {
			long tokens = run.totalTokens();
			if (run.modelCalls() >= this.budget.maxModelCalls()) {
				end(run, new GuardTrip(GuardTrip.BUDGET, null, run.modelCalls(), null, "",
						"more than " + this.budget.maxModelCalls() + " model calls"), this.budget.action(),
						this.budget.message());
			}
			else if (this.budget.maxTokens() > 0 && tokens >= this.budget.maxTokens()) {
				end(run, new GuardTrip(GuardTrip.BUDGET, null, tokens, null, "",
						tokens + " tokens, cap " + this.budget.maxTokens()), this.budget.action(),
						this.budget.message());
			}
			else {
				checkBaseline(run, tokens);
			}
		}
		if (run.kill() == null) {
			ContextWindowGuard.Outcome outcome = this.contextWindow.check(run, request, model,
					(summarizer != null) ? summarizer::summarize : null);
			request = outcome.request();
			if (outcome.action() != null) {
				GuardTrip trip = new GuardTrip(GuardTrip.CONTEXT_WINDOW, null, Math.round(outcome.utilization() * 100),
						null, outcome.action(), "request at " + Math.round(outcome.utilization() * 100)
								+ "% of the context window of " + ((model != null) ? model : "the model"));
				record(run, trip, outcome.action());
				if (outcome.overWindow()) {
					end(run, new GuardTrip(GuardTrip.CONTEXT_WINDOW, null, Math.round(outcome.utilization() * 100),
							null, "", "request still larger than the context window"), GuardAction.END,
							this.budget.message());
				}
			}
		}
		Run.Kill kill = run.kill();
		if (kill == null) {
			return new Decision(request, null);
		}
		if (kill.action() == GuardAction.END && run.gracefulEnd()) {
			return new Decision(request, ChatResponse.builder()
				.aiMessage(AiMessage.from(kill.message()))
				.finishReason(FinishReason.OTHER)
				.tokenUsage(new TokenUsage(0, 0))
				.build());
		}
		throw new RunKilledException(run.runId(), kill.message(), kill.trip());
	}

	/**
	 * Learns from a model call that returned: the provider-reported size of the conversation.
	 * @param run the run
	 * @param request the request that was sent
	 * @param response the response
	 */
	public void afterModelCall(Run run, ChatRequest request, @Nullable ChatResponse response) {
		this.contextWindow.observe(run, request, response);
	}

	/**
	 * Returns the learned token baselines.
	 * @return the baselines
	 */
	public TokenBaselines baselines() {
		return this.baselines;
	}

	/**
	 * Returns the sink that feeds completed runs into the baselines.
	 * @return the sink
	 */
	public RunSink baselineRecorder() {
		return (record) -> {
			if (record.outcome() == RunOutcome.COMPLETED && this.baselines.record(record.agent(), record.totalTokens())) {
				Gauge.builder(MeterNames.RUN_TOKENS_BASELINE, this.baselines, (b) -> b.p95(record.agent()))
					.description("p95 of total tokens over the agent's recent completed runs")
					.baseUnit("tokens")
					.tag(TagKeys.AGENT_NAME, record.agent())
					.register(this.registry);
			}
		};
	}

	private void checkBaseline(Run run, long tokens) {
		double p95 = this.baselines.p95(run.agent());
		if (Double.isNaN(p95) || p95 <= 0 || tokens <= this.budget.baselineMultiplier() * p95) {
			return;
		}
		if (!run.markBaselineTripped()) {
			return;
		}
		GuardTrip trip = new GuardTrip(GuardTrip.BUDGET, null, tokens, null, "", tokens + " tokens, "
				+ this.budget.baselineMultiplier() + " x the p95 baseline of " + Math.round(p95));
		if (this.budget.baselineAction() == GuardAction.WARN) {
			record(run, trip, GuardAction.WARN.tripValue());
		}
		else {
			end(run, trip, this.budget.baselineAction(), this.budget.message());
		}
		this.signals.signal(Signals.RUN_TOKENS_BASELINE, run.agent());
	}

	private void end(Run run, GuardTrip draft, GuardAction action, String message) {
		GuardAction effective = (action == GuardAction.END && !run.gracefulEnd()) ? GuardAction.ERROR : action;
		GuardTrip trip = withAction(draft, effective.tripValue());
		if (run.kill(trip, effective, message)) {
			record(run, trip, trip.action());
		}
	}

	private void record(Run run, GuardTrip draft, String action) {
		GuardTrip trip = withAction(draft, action);
		run.addTrip(trip);
		if (GuardTrip.LOOP.equals(trip.guard())) {
			this.signals.signal(Signals.LOOP, run.agent() + "/" + trip.tool());
		}
		else if (GuardTrip.CONTEXT_WINDOW.equals(trip.guard())) {
			this.signals.signal(Signals.CONTEXT_WINDOW, run.agent());
		}
		run.observation().event(Observation.Event.of("vigil.guard." + trip.guard(), trip.reason()));
		String tool = (trip.tool() != null) ? trip.tool() : TagKeys.AGENT_NONE;
		this.tripCounters.computeIfAbsent(new TripKey(trip.guard(), action, run.agent(), tool),
				(key) -> Counter.builder(MeterNames.GUARD_TRIPS)
					.description("Guard decisions: runs ended, warned or trimmed by a guard")
					.tag(TagKeys.GUARD, key.guard())
					.tag(TagKeys.ACTION, key.action())
					.tag(TagKeys.AGENT_NAME, key.agent())
					.tag(TagKeys.TOOL_NAME, key.tool())
					.register(this.registry))
			.increment();
		logger.warn("Vigil {} guard, action {}: run {} of agent {} for user {}: {}{}", trip.guard(), action,
				run.runId(), run.agent(), run.userId(), trip.reason(),
				(trip.arguments() != null) ? " (arguments " + this.redactor.apply(trip.arguments()) + ")" : "");
	}

	private static GuardTrip withAction(GuardTrip trip, String action) {
		return new GuardTrip(trip.guard(), trip.tool(), trip.count(), trip.arguments(), action, trip.reason());
	}

	private static ToolExecutionResult notExecuted() {
		return ToolExecutionResult.builder().isError(true).resultText(NOT_EXECUTED).build();
	}

	/**
	 * The tool name and its arguments without insignificant whitespace, so the same call spelled differently is
	 * still the same call.
	 */
	static String fingerprint(String tool, @Nullable String arguments) {
		StringBuilder out = new StringBuilder(tool.length() + ((arguments != null) ? arguments.length() : 0) + 1);
		out.append(tool).append('\u0000');
		if (arguments == null) {
			return out.toString();
		}
		boolean inString = false;
		boolean escaped = false;
		for (int i = 0; i < arguments.length(); i++) {
			char c = arguments.charAt(i);
			if (inString) {
				out.append(c);
				if (escaped) {
					escaped = false;
				}
				else if (c == '\\') {
					escaped = true;
				}
				else if (c == '"') {
					inString = false;
				}
			}
			else if (!Character.isWhitespace(c)) {
				out.append(c);
				inString = c == '"';
			}
		}
		return out.toString();
	}

	private record TripKey(String guard, String action, String agent, String tool) {
	}

	/**
	 * What to do with a model call.
	 *
	 * @param request the request to send
	 * @param answer the answer to return instead of calling the model, or {@code null} to call it
	 */
	public record Decision(ChatRequest request, @Nullable ChatResponse answer) {
	}

	/**
	 * Receives the guard decisions alerts are built on.
	 */
	@FunctionalInterface
	public interface Signals {

		/** Signal of a loop kill; the subject is {@code agent/tool}. */
		String LOOP = "loop";

		/** Signal of a run past its token baseline; the subject is the agent. */
		String RUN_TOKENS_BASELINE = "run-tokens-baseline";

		/** Signal of a context-window trip; the subject is the agent. */
		String CONTEXT_WINDOW = "context-window";

		/**
		 * Receives a signal.
		 * @param signal {@link #LOOP}, {@link #RUN_TOKENS_BASELINE} or {@link #CONTEXT_WINDOW}
		 * @param subject what it is about
		 */
		void signal(String signal, String subject);

	}

	/**
	 * Writes a summary of a conversation with a model, recording the call as a step of the run.
	 */
	@FunctionalInterface
	public interface Summarizer {

		/**
		 * Sends the summary request.
		 * @param run the run the summary is for
		 * @param request the summary request
		 * @return the model's response
		 */
		@Nullable ChatResponse summarize(Run run, ChatRequest request);

	}

}
