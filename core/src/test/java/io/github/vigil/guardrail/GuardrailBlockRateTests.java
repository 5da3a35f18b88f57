package io.github.vigil.guardrail;

import java.time.Duration;
import java.time.Instant;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A guardrail that starts blocking far more than it usually does is an alert in the application, as in Prometheus:
 * its block share over the last 15 minutes against the day before.
 */
class GuardrailBlockRateTests {

	private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T00:00:00Z"));

	private final Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).clock(this.clock).build();

	private final Assistant assistant = AiServices.builder(Assistant.class)
		.chatModel(this.vigil.observe(new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder().aiMessage(AiMessage.from("It has shipped.")).build();
			}
		}))
		.inputGuardrails(new GuardrailStepsTests.NoPasswords())
		.build();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	private void ask(String message) {
		try {
			this.assistant.chat(message);
		}
		catch (RuntimeException refused) {
			// the guardrail's refusal reaches the caller, as without Vigil
		}
	}

	@Test
	void aGuardrailBlockingFarMoreThanTheDayBeforeFiresAndItsUsualShareDoesNot() {
		for (int i = 0; i < 144; i++) {
			this.clock.advance(Duration.ofMinutes(10));
			ask((i % 50 == 0) ? "What is my password?" : "Where is ORD-10042?");
		}
		AlertEvaluator.of(this.vigil).evaluate();
		assertThat(guardrailAlerts()).isEmpty();

		for (int i = 0; i < 30; i++) {
			this.clock.advance(Duration.ofSeconds(25));
			ask((i % 5 < 2) ? "What is my password?" : "Where is ORD-10042?");
		}
		AlertEvaluator.of(this.vigil).evaluate();

		assertThat(guardrailAlerts()).singleElement().satisfies((alert) -> {
			assertThat(alert.alert()).isEqualTo("guardrail-block-rate");
			assertThat(alert.subject()).isEqualTo("NoPasswords");
			// the window's 15 minutes take in the last decision of the quiet day as well
			assertThat(alert.summary()).matches("Guardrail NoPasswords blocked 3\\d\\.\\d% of 3\\d decisions in the "
					+ "last 15 minutes, against 2\\.\\d% the day before");
		});
	}

	/** The guardrail alerts only: the model's wall-clock latency may trip another alert on a loaded machine. */
	private java.util.List<io.github.vigil.alert.Alert> guardrailAlerts() {
		return AlertEvaluator.of(this.vigil)
			.active()
			.stream()
			.filter((alert) -> alert.alert().equals("guardrail-block-rate"))
			.toList();
	}

}
