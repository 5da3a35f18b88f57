package io.github.vigil.log;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.vigil.run.AgentRecord;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.FactWriter;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.PromptVersion;
import io.github.vigil.run.RunFields;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.StepRecord;
import io.github.vigil.run.ToolCallRecord;
import io.github.vigil.run.WrittenFact;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run log: one JSON line per run at INFO on the logger {@value #LOGGER_NAME}, ready to ship to Datadog,
 * CloudWatch or Loki. Fields are snake_case: {@code run_id}, {@code timestamp}, {@code agent}, {@code user_id},
 * {@code input}, {@code output}, {@code tool_calls}, {@code tokens_used}, {@code input_tokens},
 * {@code output_tokens}, {@code model_calls}, {@code latency_ms}, {@code outcome}, {@code error},
 * {@code error_message}, {@code guard_trips}, {@code agents}, then each capability's {@linkplain RunFields fields}
 * ({@code cost} and {@code currency} with the usage; {@code flags}, {@code flag_action}, {@code reprompt_flags} at the
 * end), and an array per kind of other steps the run took. Content is truncated and redacted by a
 * {@link ContentRedactor}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class JsonRunLog implements RunSink {

	/** Name of the SLF4J logger the lines go to. */
	public static final String LOGGER_NAME = "vigil.runs";

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	/** Each thread writes its lines into one buffer, so a line costs its text and not a buffer as well. */
	private static final ThreadLocal<StringBuilder> BUFFERS = ThreadLocal.withInitial(() -> new StringBuilder(1024));

	private static final int MAX_KEPT_BUFFER = 16 * 1024;

	private final ContentRedactor redactor;

	private final boolean structured;

	private final List<RunFields> usageFields;

	private final List<RunFields> outcomeFields;

	/**
	 * Creates the run log, one JSON line per run, with the fields of the capabilities on the class path.
	 * @param redactor how content is made safe
	 */
	public JsonRunLog(ContentRedactor redactor) {
		this(redactor, false);
	}

	/**
	 * Creates the run log.
	 * @param redactor how content is made safe
	 * @param structured whether each event also carries the run's fields as one structured key-value pair
	 * @param fields the capabilities' fields of every run (cost, grounding), in order
	 */
	public JsonRunLog(ContentRedactor redactor, boolean structured, List<RunFields> fields) {
		this.redactor = redactor;
		this.structured = structured;
		this.usageFields = fields.stream().filter((each) -> each.section() == RunFields.Section.USAGE).toList();
		this.outcomeFields = fields.stream().filter((each) -> each.section() == RunFields.Section.OUTCOME).toList();
	}

	/**
	 * Creates the run log.
	 * @param redactor how content is made safe
	 * @param structured whether each event also carries the run's fields as one structured key-value pair,
	 * {@code run}, which structured logging (ECS, Logstash, GELF) writes as a JSON object
	 */
	public JsonRunLog(ContentRedactor redactor, boolean structured) {
		this(redactor, structured, RunFields.onClassPath());
	}

	@Override
	public void accept(RunRecord run) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		if (this.structured) {
			EventFields fields = new EventFields();
			write(run, fields);
			logger.atInfo().setMessage(format(run)).addKeyValue("run", fields.fields()).log();
		}
		else {
			logger.info(format(run));
		}
	}

	/**
	 * Formats a run as its JSON line.
	 * @param run the run
	 * @return the line, without a line break
	 */
	public String format(RunRecord run) {
		StringBuilder buffer = BUFFERS.get();
		JsonLine line = new JsonLine(buffer);
		write(run, line);
		String text = line.end();
		if (buffer.capacity() > MAX_KEPT_BUFFER) {
			// the buffer of an unusually long line is not kept for the thread's next run
			BUFFERS.remove();
		}
		return text;
	}

	private void write(RunRecord run, Fields line) {
		line.field("run_id", this.redactor.truncate(run.runId()))
			.field("timestamp", Instants.iso(run.timestamp()))
			.field("agent", run.agent())
			.field("user_id", this.redactor.truncate(run.userId()))
			.field("input", this.redactor.apply(run.input()))
			.field("output", this.redactor.apply(run.output()));
		line.array("tool_calls");
		for (ToolCallRecord call : run.toolCalls()) {
			line.element()
				.field("tool", call.tool())
				.field("success", call.success())
				.field("latency_ms", TimeUnit.NANOSECONDS.toMillis(call.latencyNanos()))
				.field("error", call.errorType())
				.field("error_message", this.redactor.apply(call.errorMessage()))
				.field("arguments", this.redactor.apply(call.arguments()));
			if (call.server() != null && !call.server().isEmpty()) {
				line.field("server", call.server());
			}
			line.endElement();
		}
		line.endArray();
		steps(run, line);
		line.field("tokens_used", run.totalTokens())
			.field("input_tokens", run.inputTokens())
			.field("output_tokens", run.outputTokens())
			.field("cache_read_tokens", run.cacheReadTokens())
			.field("reasoning_tokens", run.reasoningTokens());
		FactWriter facts = new RedactingWriter(line, this.redactor);
		for (RunFields fields : this.usageFields) {
			fields.write(run, facts);
		}
		line.field("model_calls", run.modelCalls())
			.field("latency_ms", TimeUnit.NANOSECONDS.toMillis(run.durationNanos()))
			.field("outcome", run.outcome().value())
			.field("error", run.errorType())
			.field("error_message", this.redactor.apply(run.errorMessage()));
		line.array("guard_trips");
		for (GuardTrip trip : run.guardTrips()) {
			line.element()
				.field("guard", trip.guard())
				.field("rule", trip.rule())
				.field("tool", trip.tool())
				.field("count", trip.count())
				.field("arguments", this.redactor.apply(trip.arguments()))
				.field("action", trip.action())
				.field("reason", trip.reason())
				.field("agent", trip.agent())
				.endElement();
		}
		line.endArray();
		line.array("agents");
		for (AgentRecord agent : run.agents()) {
			line.element()
				.field("name", agent.name())
				.field("tokens", agent.tokens())
				.field("model_calls", agent.modelCalls())
				.field("tool_calls", agent.toolCalls())
				.field("outcome", agent.outcome())
				.endElement();
		}
		line.endArray();
		for (RunFields fields : this.outcomeFields) {
			fields.write(run, facts);
		}
		line.field("version", run.version());
		PromptVersion prompt = run.fact(PromptVersion.class);
		if (prompt != null) {
			line.object("prompt").field("name", prompt.name()).field("version", prompt.version()).endObject();
		}
		else {
			line.field("prompt", (String) null);
		}
	}

	/**
	 * The run's steps of other kinds, an array per kind as the kind names it: each step's name, outcome and
	 * latency, and its facts as they write themselves.
	 */
	private void steps(RunRecord run, Fields line) {
		if (run.steps().isEmpty()) {
			return;
		}
		FactWriter facts = new RedactingWriter(line, this.redactor);
		Set<StepKind> kinds = new LinkedHashSet<>();
		run.steps().forEach((step) -> kinds.add(step.kind()));
		for (StepKind kind : kinds) {
			line.array(kind.logArray());
			for (StepRecord step : run.steps()) {
				if (!step.kind().equals(kind)) {
					continue;
				}
				line.element()
					.field(kind.nameField(), step.name())
					.field("outcome", step.succeeded() ? "success" : step.errorType())
					.field("latency_ms", TimeUnit.NANOSECONDS.toMillis(step.durationNanos()));
				if (!step.succeeded()) {
					line.field("error_message", this.redactor.apply(step.errorMessage()));
				}
				for (Object fact : step.facts().all()) {
					if (fact instanceof WrittenFact written) {
						written.write(facts);
					}
				}
				line.endElement();
			}
			line.endArray();
		}
	}

}
