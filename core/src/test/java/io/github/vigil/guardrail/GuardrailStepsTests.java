package io.github.vigil.guardrail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.InputGuardrail;
import dev.langchain4j.guardrail.InputGuardrailException;
import dev.langchain4j.guardrail.InputGuardrailResult;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StepRecord;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The application's own guardrails, as LangChain4j runs them, are steps of their runs: an input guardrail that
 * refuses a message, an output guardrail that reprompts once, each with its direction, result, latency and the extra
 * model call it caused, in the run log and the meters; and the caller gets the same answers and the same exception
 * as without Vigil.
 */
class GuardrailStepsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	/** Refuses messages that ask for a password. */
	static final class NoPasswords implements InputGuardrail {

		@Override
		public InputGuardrailResult validate(UserMessage message) {
			return message.singleText().contains("password") ? failure("asks for a password") : success();
		}

	}

	/** Asks once more when the answer names no order. */
	static final class NamesTheOrder implements OutputGuardrail {

		@Override
		public OutputGuardrailResult validate(AiMessage answer) {
			return answer.text().contains("ORD-") ? success()
					: reprompt("the answer names no order", "Name the order id in your answer.");
		}

	}

	/** Answers vaguely first, then with the order once told to. */
	static final class Model implements ChatModel {

		final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

		private final AtomicInteger calls = new AtomicInteger();

		@Override
		public ChatResponse doChat(ChatRequest request) {
			this.requests.add(request);
			return ChatResponse.builder()
				.aiMessage(AiMessage.from((this.calls.incrementAndGet() % 2 == 1) ? "It has shipped."
						: "Order ORD-10042 has shipped."))
				.build();
		}

	}

	private Assistant assistant(ChatModel model) {
		return AiServices.builder(Assistant.class)
			.chatModel(model)
			.inputGuardrails(new NoPasswords())
			.outputGuardrails(new NamesTheOrder())
			.build();
	}

	@Test
	void anOutputGuardrailThatRepromptsIsAStepWithTheExtraModelCallItCausedAndTheAnswerIsTheSame() throws Exception {
		Model bare = new Model();
		String without = assistant(bare).chat("Where is ORD-10042?");
		Model observed = new Model();
		String with = assistant(this.vigil.observe(observed)).chat("Where is ORD-10042?");

		assertThat(with).isEqualTo(without).isEqualTo("Order ORD-10042 has shipped.");
		assertThat(observed.requests).hasSameSizeAs(bare.requests).hasSize(2);
		RunRecord run = this.runs.single();
		assertThat(run.modelCalls()).isEqualTo(2);
		assertThat(run.steps()).extracting((step) -> step.name() + ":" + step.facts().get(GuardrailDecision.class))
			.containsExactly("NoPasswords:" + new GuardrailDecision("input", "success", 0),
					"NamesTheOrder:" + new GuardrailDecision("output", "reprompt", 1),
					"NamesTheOrder:" + new GuardrailDecision("output", "success", 0));
		JsonNode guardrails = new ObjectMapper()
			.readTree(new JsonRunLog(new ContentRedactor(500, true)).format(run))
			.get("guardrails");
		assertThat(guardrails).hasSize(3);
		assertThat(guardrails.get(1).get("name").asText()).isEqualTo("NamesTheOrder");
		assertThat(guardrails.get(1).get("direction").asText()).isEqualTo("output");
		assertThat(guardrails.get(1).get("result").asText()).isEqualTo("reprompt");
		assertThat(guardrails.get(1).get("extra_model_calls").asInt()).isEqualTo(1);
		assertThat(guardrails.get(1).get("latency_ms").isNumber()).isTrue();
		assertThat(this.registry.get(Guardrails.RESULTS)
			.tags("guardrail", "NamesTheOrder", "direction", "output", "result", "reprompt", "gen_ai.agent.name",
					"Assistant")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void anInputGuardrailThatRefusesThrowsTheSameExceptionAndIsAFailedStepOfTheFailedRun() {
		Model bare = new Model();
		Throwable without = catchThrowable(() -> assistant(bare).chat("What is my password?"));
		Model observed = new Model();
		Throwable with = catchThrowable(() -> assistant(this.vigil.observe(observed)).chat("What is my password?"));

		assertThat(with).isInstanceOf(InputGuardrailException.class)
			.hasSameClassAs(without)
			.hasMessage(without.getMessage());
		assertThat(observed.requests).isEmpty();
		RunRecord run = this.runs.single();
		StepRecord guardrail = run.steps().get(0);
		assertThat(guardrail.name()).isEqualTo("NoPasswords");
		assertThat(guardrail.errorType()).isEqualTo("failure");
		assertThat(guardrail.errorMessage()).isEqualTo("asks for a password");
		assertThat(run.outcome().value()).isEqualTo("error");
		assertThat(this.registry.get("vigil.step.duration")
			.tags("vigil.step.kind", "guardrail", "vigil.step.name", "NoPasswords", "error.type", "failure")
			.timer()
			.count()).isEqualTo(1);
	}

	/** Throws instead of deciding. */
	static final class Broken implements InputGuardrail {

		@Override
		public InputGuardrailResult validate(UserMessage message) {
			throw new IllegalStateException("the guardrail's rules file is missing");
		}

	}

	/** Never satisfied: asks for another answer every time. */
	static final class NeverSatisfied implements OutputGuardrail {

		@Override
		public OutputGuardrailResult validate(AiMessage answer) {
			return retry("never good enough");
		}

	}

	@Test
	void aGuardrailThatThrowsFailsTheCallAsWithoutVigilWithOneRunLogLine() {
		Throwable without = catchThrowable(() -> AiServices.builder(Assistant.class)
			.chatModel(new Model())
			.inputGuardrails(new Broken())
			.build()
			.chat("Where is ORD-10042?"));
		Throwable with = catchThrowable(() -> AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(new Model()))
			.inputGuardrails(new Broken())
			.build()
			.chat("Where is ORD-10042?"));

		assertThat(with).hasSameClassAs(without).hasMessage(without.getMessage());
		assertThat(this.runs.all()).hasSize(1);
		assertThat(this.runs.single().outcome().value()).isEqualTo("error");
	}

	@Test
	void anOutputGuardrailThatRetriesForeverStopsAtLangChain4jsLimitAndNoGuardOfVigilActs() {
		Model bare = new Model();
		Throwable without = catchThrowable(() -> AiServices.builder(Assistant.class)
			.chatModel(bare)
			.outputGuardrails(new NeverSatisfied())
			.build()
			.chat("Where is ORD-10042?"));
		Model observed = new Model();
		Throwable with = catchThrowable(() -> AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(observed))
			.outputGuardrails(new NeverSatisfied())
			.build()
			.chat("Where is ORD-10042?"));

		assertThat(with).hasSameClassAs(without).hasMessage(without.getMessage());
		assertThat(observed.requests).hasSameSizeAs(bare.requests);
		RunRecord run = this.runs.single();
		assertThat(run.guardTrips()).as("the retries are the guardrail's, not a loop for Vigil to end").isEmpty();
		assertThat(run.modelCalls()).isEqualTo(bare.requests.size());
		assertThat(run.steps()).filteredOn((step) -> step.kind().equals(Guardrails.GUARDRAIL))
			.hasSize(bare.requests.size());
	}

}
