package io.github.vigil.guard;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.CountingTools;
import io.github.vigil.support.PlannedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards under concurrency: parallel conversations share nothing, so only the looping ones are ended.
 */
class ConcurrentGuardTests {

	interface Agent {

		String chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String message);

	}

	/** Loops on the lookup when the user message says "stuck", else looks up once and answers. */
	static final class MoodyModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			int calls = 0;
			String user = "";
			for (int i = messages.size() - 1; i >= 0; i--) {
				if (messages.get(i) instanceof UserMessage message) {
					user = message.singleText();
					break;
				}
				if (messages.get(i) instanceof AiMessage) {
					calls++;
				}
			}
			AiMessage answer = (user.contains("stuck") || calls == 0) ? AiMessage.from(PlannedChatModel.lookup("ORD-7"))
					: AiMessage.from("Your order is on its way.");
			return ChatResponse.builder().aiMessage(answer).tokenUsage(new TokenUsage(50, 5)).build();
		}

	}

	@Test
	void thirtyTwoParallelConversationsSomeLoopingOnlyTheLoopingRunsAreEnded() throws Exception {
		CapturedRuns runs = new CapturedRuns();
		Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).sink(runs).build();
		Agent agent = AiServices.builder(Agent.class)
			.chatModel(vigil.observe(new MoodyModel()))
			.chatMemoryProvider((id) -> MessageWindowChatMemory.withMaxMessages(100))
			.tools(new CountingTools())
			.build();
		ExecutorService pool = Executors.newFixedThreadPool(32);
		List<Future<?>> futures = new ArrayList<>();
		for (int c = 0; c < 32; c++) {
			String conversation = "conversation-" + c;
			boolean stuck = c % 4 == 0;
			futures.add(pool.submit(() -> {
				for (int turn = 0; turn < 20; turn++) {
					String answer = agent.chat(conversation, stuck ? "I'm stuck, where is ORD-7?" : "Where is ORD-7?");
					assertThat(answer).isEqualTo(stuck ? LoopPolicy.DEFAULT_MESSAGE : "Your order is on its way.");
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get(1, TimeUnit.MINUTES);
		}
		pool.shutdown();

		assertThat(runs.all()).hasSize(32 * 20);
		assertThat(runs.all()).filteredOn((run) -> run.input().contains("stuck"))
			.hasSize(8 * 20)
			.allSatisfy((run) -> {
				assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
				assertThat(run.toolCalls()).hasSize(2);
			});
		assertThat(runs.all()).filteredOn((run) -> !run.input().contains("stuck"))
			.extracting(RunRecord::outcome)
			.containsOnly(RunOutcome.COMPLETED);
		assertThat(vigil.activeRuns()).isZero();
	}

}
