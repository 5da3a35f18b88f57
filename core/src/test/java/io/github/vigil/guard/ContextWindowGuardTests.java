package io.github.vigil.guard;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The context-window guard: a conversation that grows past 80% of the window is summarized once, never crashes,
 * and never sends a request over the window.
 */
class ContextWindowGuardTests {

	private static final int WINDOW = 2_000;

	private static final long LIMIT = (long) (0.8 * WINDOW);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final TokenEstimates estimates = new TokenEstimates();

	private final ChatMemory memory = MessageWindowChatMemory.withMaxMessages(1_000);

	interface Agent {

		String chat(String message);

	}

	/** Looks up the order named in each user message, then answers at length; reports realistic token counts. */
	final class TalkativeModel implements ChatModel {

		final List<Long> sentSizes = new CopyOnWriteArrayList<>();

		final AtomicInteger summaries = new AtomicInteger();

		volatile boolean summariesFail;

		/** Prompt tokens to report instead of the real size, when positive: a provider reporting nonsense. */
		volatile int reportedInput;

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			long size = ContextWindowGuardTests.this.estimates.messages(messages, null)
					+ ContextWindowGuardTests.this.estimates.tools(request.toolSpecifications());
			if (messages.get(0) instanceof SystemMessage system
					&& system.text().equals(ContextWindowGuard.SUMMARY_INSTRUCTION)) {
				this.summaries.incrementAndGet();
				if (this.summariesFail) {
					throw new IllegalStateException("summarizer unavailable");
				}
				return respond("The customer asked about several orders; all were found and shipped.", size);
			}
			this.sentSizes.add(size);
			ChatMessage last = messages.get(messages.size() - 1);
			if (last instanceof UserMessage user) {
				String id = user.singleText().replaceAll(".*(ORD-\\d+).*", "$1");
				return respond(AiMessage.from(ToolExecutionRequest.builder()
					.id("call-" + id)
					.name("lookupOrder")
					.arguments("{\"id\":\"" + id + "\"}")
					.build()), size);
			}
			return respond("Your order has shipped and will arrive within three working days. ".repeat(4), size);
		}

		private ChatResponse respond(String text, long size) {
			return respond(AiMessage.from(text), size);
		}

		private ChatResponse respond(AiMessage message, long size) {
			return ChatResponse.builder()
				.aiMessage(message)
				.tokenUsage(new TokenUsage((this.reportedInput > 0) ? this.reportedInput : (int) size, 60))
				.modelName("tiny-model-1")
				.build();
		}

		@Override
		public ChatRequestParameters defaultRequestParameters() {
			return ChatRequestParameters.builder().modelName("tiny-model").build();
		}

	}

	static final class OrderTools {

		@Tool("Looks up an order")
		String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\",\"carrier\":\"DHL\",\"eta\":\"2026-12-01\"}";
		}

	}

	private Agent agent(TalkativeModel model, ContextAction action, boolean withMemory) {
		Vigil vigil = Vigil.builder(this.registry)
			.sink(this.runs)
			.contextWindowPolicy(new ContextWindowPolicy(true, 0.8, Map.of("tiny-model", WINDOW), 32_768, action, 6))
			.build();
		AiServices<Agent> builder = AiServices.builder(Agent.class)
			.chatModel(vigil.observe(model))
			.systemMessageProvider((id) -> "You are the support agent of an online shop.")
			.tools(new OrderTools());
		if (withMemory) {
			builder.chatMemory(this.memory);
		}
		return builder.build();
	}

	@Test
	void aGrowingConversationIsSummarizedOnceAndEveryLaterRequestStaysUnderTheThreshold() {
		TalkativeModel model = new TalkativeModel();
		Agent agent = agent(model, ContextAction.SUMMARIZE, true);
		int turn = 0;
		while (model.summaries.get() == 0 && turn < 40) {
			agent.chat("Where is order ORD-" + (10_000 + turn++) + "?");
		}
		assertThat(model.summaries.get()).as("summarized within 40 turns").isEqualTo(1);
		int sentBeforeSummary = model.sentSizes.size();

		for (int i = 0; i < 3; i++) {
			agent.chat("And order ORD-" + (20_000 + i) + "?");
		}

		assertThat(model.summaries.get()).isEqualTo(1);
		assertThat(model.sentSizes).allSatisfy((size) -> assertThat(size).isLessThan((long) WINDOW));
		assertThat(model.sentSizes.subList(sentBeforeSummary - 1, model.sentSizes.size()))
			.allSatisfy((size) -> assertThat(size).isLessThan(LIMIT));
		List<ChatMessage> stored = this.memory.messages();
		assertThat(stored.get(0)).isInstanceOf(SystemMessage.class);
		assertThat(stored.get(1)).isEqualTo(UserMessage.from(ContextWindowGuard.SUMMARY_REQUEST));
		assertThat(((AiMessage) stored.get(2)).text()).startsWith(ContextWindowGuard.SUMMARY_PREFIX);
		assertThat(stored.get(3)).isInstanceOf(UserMessage.class);
		assertToolPairsIntact(stored);
		assertThat(this.registry.get("vigil.guard.trips").tags("guard", "context-window", "action", "summarized")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.client.operation.duration").tag("gen_ai.operation.name", "summarize")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("vigil.context.utilization").summary().max()).isGreaterThanOrEqualTo(0.8);
		assertThat(this.runs.all()).filteredOn((run) -> !run.guardTrips().isEmpty())
			.singleElement()
			.satisfies((run) -> assertThat(run.guardTrips().get(0).action()).isEqualTo("summarized"));
	}

	@Test
	void aFailingSummarizerFallsBackToTrimming() {
		TalkativeModel model = new TalkativeModel();
		model.summariesFail = true;
		Agent agent = agent(model, ContextAction.SUMMARIZE, true);

		for (int turn = 0; turn < 20; turn++) {
			assertThat(agent.chat("Where is order ORD-" + (10_000 + turn) + "?")).contains("shipped");
		}

		assertThat(model.summaries.get()).isPositive();
		assertThat(model.sentSizes).allSatisfy((size) -> assertThat(size).isLessThan(LIMIT));
		assertToolPairsIntact(this.memory.messages());
		assertThat(this.memory.messages().get(0)).isInstanceOf(SystemMessage.class);
		assertThat(this.registry.get("vigil.guard.trips").tags("guard", "context-window", "action", "trimmed")
			.counter()
			.count()).isPositive();
	}

	@Test
	void withoutChatMemoryTheOutgoingRequestIsTrimmed() {
		TalkativeModel model = new TalkativeModel();
		Agent agent = agent(model, ContextAction.SUMMARIZE, false);
		String longQuestion = "Where is order ORD-10001? " + "I have been waiting for a long time. ".repeat(150);

		assertThat(agent.chat(longQuestion)).contains("shipped");

		assertThat(model.sentSizes).allSatisfy((size) -> assertThat(size).isLessThan((long) WINDOW));
	}

	@Test
	void aRequestThatCannotBeMadeToFitEndsTheRunGracefullyInsteadOfReachingTheProvider() {
		TalkativeModel model = new TalkativeModel();
		Agent agent = agent(model, ContextAction.SUMMARIZE, true);
		String hugeQuestion = "Where is order ORD-10001? " + "Please hurry. ".repeat(1_000);

		String answer = agent.chat(hugeQuestion);

		assertThat(answer).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(model.sentSizes).isEmpty();
		assertThat(this.runs.single().outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(this.runs.single().errorType()).isEqualTo("context-window");
	}

	@Test
	void usageThatCannotBeTrueNeverSizesARequest() {
		TalkativeModel model = new TalkativeModel();
		model.reportedInput = 50_000_000;
		Agent agent = agent(model, ContextAction.SUMMARIZE, true);

		for (int turn = 0; turn < 3; turn++) {
			assertThat(agent.chat("Where is order ORD-" + (10_000 + turn) + "?")).contains("shipped");
		}

		assertThat(this.registry.find("vigil.guard.trips").counter()).as("no guard acted").isNull();
		assertThat(model.summaries.get()).isZero();
		assertThat(this.memory.messages()).hasSize(1 + 4 * 3);
		assertThat(this.runs.all()).hasSize(3).allSatisfy((run) -> {
			assertThat(run.guardTrips()).isEmpty();
			assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
			assertThat(run.inputTokens()).as("the impossible count is unknown, not counted").isZero();
		});
	}

	@Test
	void theWarnActionOnlyRecords() {
		TalkativeModel model = new TalkativeModel();
		Agent agent = agent(model, ContextAction.WARN, true);

		int turn = 0;
		while (this.registry.find("vigil.guard.trips").counter() == null && turn < 40) {
			assertThat(agent.chat("Where is order ORD-" + (10_000 + turn++) + "?")).contains("shipped");
		}

		assertThat(model.summaries.get()).isZero();
		assertThat(this.memory.messages()).hasSize(1 + 4 * turn);
		assertThat(this.registry.get("vigil.guard.trips").tags("guard", "context-window", "action", "warned")
			.counter()
			.count()).isPositive();
	}

	@Test
	void windowsComeFromConfigurationThenTheBuiltInTableThenTheDefault() {
		ContextWindows windows = new ContextWindows(Map.of("my-llama", 4_096), 32_768);

		assertThat(windows.windowOf("my-llama-finetune")).isEqualTo(4_096);
		assertThat(windows.windowOf("gpt-4o-mini-2024-07-18")).isEqualTo(128_000);
		assertThat(windows.windowOf("gpt-4.1-mini")).isEqualTo(1_047_576);
		assertThat(windows.windowOf("anthropic/claude-sonnet-4-6")).isEqualTo(200_000);
		assertThat(windows.windowOf("llama3.1:8b")).isEqualTo(131_072);
		assertThat(windows.windowOf("something-new")).isEqualTo(32_768);
		assertThat(windows.windowOf(null)).isEqualTo(32_768);
	}

	@Test
	void estimatesNeverThrowForUnknownModelsOrImages() {
		List<ChatMessage> messages = List.of(UserMessage.from(
				dev.langchain4j.data.message.ImageContent.from("https://example.com/cat.png")),
				UserMessage.from("What is in this picture?"));

		assertThat(this.estimates.messages(messages, "claude-3-5-sonnet")).isPositive();
		assertThat(this.estimates.messages(messages, "gpt-4o")).isPositive();
		assertThat(this.estimates.messages(messages, null)).isPositive();
	}

	private static void assertToolPairsIntact(List<ChatMessage> messages) {
		for (int i = 0; i < messages.size(); i++) {
			if (messages.get(i) instanceof ToolExecutionResultMessage) {
				int j = i - 1;
				while (j >= 0 && messages.get(j) instanceof ToolExecutionResultMessage) {
					j--;
				}
				assertThat(j).as("tool result at %d has its request", i).isGreaterThanOrEqualTo(0);
				assertThat(messages.get(j)).isInstanceOfSatisfying(AiMessage.class,
						(ai) -> assertThat(ai.hasToolExecutionRequests()).isTrue());
			}
		}
	}

}
