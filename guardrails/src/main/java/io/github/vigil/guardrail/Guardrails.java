package io.github.vigil.guardrail;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.guardrail.GuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.observability.api.event.GuardrailExecutedEvent;
import dev.langchain4j.observability.api.event.InputGuardrailExecutedEvent;
import dev.langchain4j.observability.api.event.OutputGuardrailExecutedEvent;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import dev.langchain4j.observability.api.listener.InputGuardrailExecutedListener;
import dev.langchain4j.observability.api.listener.OutputGuardrailExecutedListener;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Run;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.Steps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Hears each guardrail LangChain4j ran in an AI service (its {@code InputGuardrailExecutedEvent} and
 * {@code OutputGuardrailExecutedEvent}) and records it as a step of the run: the guardrail's simple class name, its
 * direction, its result and latency, and the extra model calls a retry or a reprompt caused. A failure or fatal
 * result is the step's failure, with the result as its error type; a retry or a reprompt is a success that cost a
 * model call. Counted in {@code vigil.guardrail.results} by guardrail, direction, result and agent.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Guardrails {

	/** A guardrail's check: spans {@code guardrail <name>}, the run log's {@code guardrails[]}. */
	public static final StepKind GUARDRAIL = StepKind.of("guardrail", "guardrail", "guardrails", "name");

	/** Guardrail decisions, by guardrail, direction, result and agent. */
	public static final String RESULTS = "vigil.guardrail.results";

	private final Steps steps;

	private final MeterRegistry registry;

	private final InternalFailures failures;

	private final Map<ResultKey, Counter> counters = new ConcurrentHashMap<>();

	private final GuardrailWindows windows = new GuardrailWindows();

	private final Clock clock;

	/**
	 * Creates the capability.
	 * @param steps where guardrail steps are reported
	 * @param registry where their decisions are counted
	 * @param failures where Vigil's own failures are counted
	 */
	public Guardrails(Steps steps, MeterRegistry registry, InternalFailures failures) {
		this(steps, registry, failures, Clock.systemUTC());
	}

	/**
	 * Creates the capability with a clock of its own, for its windows.
	 * @param steps where guardrail steps are reported
	 * @param registry where their decisions are counted
	 * @param failures where Vigil's own failures are counted
	 * @param clock the clock
	 */
	public Guardrails(Steps steps, MeterRegistry registry, InternalFailures failures, Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock must not be null");
		this.steps = Objects.requireNonNull(steps, "steps must not be null");
		this.registry = Objects.requireNonNull(registry, "registry must not be null");
		this.failures = Objects.requireNonNull(failures, "failures must not be null");
	}

	/**
	 * Returns each guardrail's decisions over the last day, for the block-rate alert.
	 * @return the windows
	 */
	public GuardrailWindows windows() {
		return this.windows;
	}

	/**
	 * Returns the listeners that hear the AI services' guardrail events.
	 * @return the listeners, to register with every observed AI service
	 */
	public List<AiServiceListener<?>> listeners() {
		InputGuardrailExecutedListener input = (event) -> record(event, GuardrailDecision.INPUT);
		OutputGuardrailExecutedListener output = (event) -> record(event, GuardrailDecision.OUTPUT);
		return List.of(input, output);
	}

	private void record(GuardrailExecutedEvent<?, ?, ?> event, String direction) {
		try {
			Run run = this.steps.run(event.invocationContext());
			String name = name(event);
			String result = result(event.result());
			Duration duration = event.duration();
			OpenStep step = this.steps.start(run, GUARDRAIL, name);
			if (duration != null && !duration.isNegative()) {
				step.startedAt(System.nanoTime() - duration.toNanos());
			}
			GuardrailDecision decision = new GuardrailDecision(direction, result,
					(GuardrailDecision.RETRY.equals(result) || GuardrailDecision.REPROMPT.equals(result)) ? 1 : 0);
			step.fact(decision);
			if (decision.blocked()) {
				step.failed(result, message(event.result()));
			}
			else {
				step.succeeded();
			}
			count(name, direction, result, (run != null) ? run.agent() : TagKeys.AGENT_NONE);
			this.windows.record(name, decision.blocked(), this.clock.millis());
		}
		catch (RuntimeException ex) {
			this.failures.record("guardrail", ex);
		}
	}

	private static String name(GuardrailExecutedEvent<?, ?, ?> event) {
		String name = event.guardrailName();
		if (name == null || name.isBlank()) {
			name = (event.guardrailClass() != null) ? event.guardrailClass().getName() : "guardrail";
		}
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

	/** The result as the five words: output guardrails' retries and reprompts told apart from failures. */
	static String result(@Nullable GuardrailResult<?> result) {
		if (result == null) {
			return GuardrailDecision.SUCCESS;
		}
		if (result instanceof OutputGuardrailResult output && !output.isSuccess()) {
			if (output.isReprompt()) {
				return GuardrailDecision.REPROMPT;
			}
			if (output.isRetry()) {
				return GuardrailDecision.RETRY;
			}
		}
		return switch (result.result()) {
			case SUCCESS, SUCCESS_WITH_RESULT -> GuardrailDecision.SUCCESS;
			case FATAL -> GuardrailDecision.FATAL;
			default -> GuardrailDecision.FAILURE;
		};
	}

	/** The guardrail's own words: its failures' messages (content, redacted where written). */
	private static @Nullable String message(@Nullable GuardrailResult<?> result) {
		if (result == null || result.failures() == null || result.failures().isEmpty()) {
			return null;
		}
		StringBuilder messages = new StringBuilder();
		for (Object failure : result.failures()) {
			if (failure instanceof GuardrailResult.Failure each && each.message() != null) {
				messages.append((messages.length() > 0) ? "; " : "").append(each.message());
			}
		}
		return (messages.length() > 0) ? messages.toString() : null;
	}

	private void count(String guardrail, String direction, String result, String agent) {
		this.counters.computeIfAbsent(new ResultKey(guardrail, direction, result, agent), (key) -> Counter
			.builder(RESULTS)
			.description("Guardrail decisions: a failure or fatal result blocked the message or the answer")
			.tag("guardrail", key.guardrail())
			.tag("direction", key.direction())
			.tag("result", key.result())
			.tag(TagKeys.AGENT_NAME, key.agent())
			.register(this.registry)).increment();
	}

	private record ResultKey(String guardrail, String direction, String result, String agent) {
	}

}
