package io.github.vigil.agentic;

import java.util.Map;
import java.util.function.Function;

import dev.langchain4j.agentic.AgenticServices;
import dev.langchain4j.agentic.UntypedAgent;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.Vigil;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The same workflows with and without Vigil: the same answers, the same exceptions, the same calls to the
 * application's model and tools.
 */
class WorkflowTransparencyTests {

	/** What one invocation did: its answer or failure, and how often the model and the tool were called. */
	record Outcome(Object answer, Class<?> failure, String failureMessage, int modelCalls, int lookups) {
	}

	private static Outcome run(boolean observed, boolean failingRefunds, Map<String, Object> request) {
		Desk.Model model = new Desk.Model();
		Desk.OrderTools tools = new Desk.OrderTools();
		ChatModel failing = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest chat) {
				throw new IllegalStateException("refund service unavailable");
			}
		};
		Vigil vigil = observed ? Vigil.builder(new SimpleMeterRegistry()).build() : null;
		try {
			Function<ChatModel, ChatModel> wrap = (m) -> (vigil != null) ? vigil.observe(m) : m;
			Desk.Triage triage = AgenticServices.agentBuilder(Desk.Triage.class).chatModel(wrap.apply(model)).build();
			Object next = failingRefunds
					? AgenticServices.agentBuilder(Desk.Refunds.class).chatModel(wrap.apply(failing)).build()
					: AgenticServices.agentBuilder(Desk.Orders.class).chatModel(wrap.apply(model)).tools(tools).build();
			UntypedAgent sequence = AgenticServices.sequenceBuilder()
				.name("support")
				.subAgents(triage, next)
				.outputKey("answer")
				.build();
			if (vigil != null) {
				AgenticWorkflows.observe(vigil, sequence);
			}
			Object[] answer = new Object[1];
			Throwable failure = catchThrowable(() -> answer[0] = sequence.invoke(request));
			return new Outcome(answer[0], (failure != null) ? rootCause(failure).getClass() : null,
					(failure != null) ? rootCause(failure).getMessage() : null, model.calls.get(), tools.lookups.get());
		}
		finally {
			if (vigil != null) {
				vigil.close();
			}
		}
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Test
	void aSequenceAnswersTheSameAndCallsTheModelAndTheToolTheSameWithVigil() {
		Map<String, Object> request = Map.of("request", "Where is ORD-1?", "userId", "u-1");

		Outcome bare = run(false, false, request);
		Outcome observed = run(true, false, request);

		assertThat(observed).isEqualTo(bare);
		assertThat(bare.modelCalls()).isEqualTo(3);
		assertThat(bare.lookups()).isEqualTo(1);
	}

	@Test
	void aFailingSubAgentThrowsTheSameWithVigil() {
		Map<String, Object> request = Map.of("request", "I want a refund");

		Outcome bare = run(false, true, request);
		Outcome observed = run(true, true, request);

		assertThat(observed).isEqualTo(bare);
		assertThat(bare.failure()).isEqualTo(IllegalStateException.class);
		assertThat(bare.failureMessage()).isEqualTo("refund service unavailable");
	}

}
