package io.github.vigil.autoconfigure.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.store.MemoryRunStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's figures come from the store over the range shown: a range that holds no calls answers empty
 * figures (never a bucket's edge), and without a store only the totals since start are known.
 */
class ConsoleDataTests {

	private Vigil vigil;

	@AfterEach
	void close() {
		this.vigil.close();
	}

	private void serve(Vigil vigil, int runs) {
		this.vigil = vigil;
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(vigil.observe(new LookupModel()))
			.tools(new Orders())
			.build();
		for (int i = 0; i < runs; i++) {
			assistant.chat("Where is ORD-" + i + "?");
		}
		vigil.flushRuns(Duration.ofSeconds(5));
	}

	@Test
	void theRangeShownHoldsTheRunsFigures() {
		serve(Vigil.builder(new SimpleMeterRegistry()).runLog(false).runStore(new MemoryRunStore(100)).build(), 5);

		Map<String, Object> console = new ConsoleData(this.vigil, Clock.systemUTC(), true).snapshot(Duration.ofMinutes(15));

		assertThat(tools(console)).singleElement().satisfies((tool) -> {
			assertThat(tool).containsEntry("tool", "lookupOrder").containsEntry("calls", 5L).containsEntry("errors", 0L);
			assertThat(tool.get("success_rate")).isEqualTo(1.0);
		});
		Map<?, ?> tokens = (Map<?, ?>) console.get("tokens");
		assertThat(tokens.get("runs")).isEqualTo(5L);
		assertThat((Long) tokens.get("p50")).isBetween(250L, 350L);
		assertThat((List<?>) console.get("latency")).hasSize(2);
	}

	@Test
	void aRangeThatHoldsNoCallsAnswersEmptyFiguresNeverABucketsEdge() {
		serve(Vigil.builder(new SimpleMeterRegistry()).runLog(false).runStore(new MemoryRunStore(100)).build(), 5);
		// two hours on, traffic has stopped: the last hour holds none of the runs
		Clock later = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));

		Map<String, Object> console = new ConsoleData(this.vigil, later, true).snapshot(Duration.ofHours(1));

		assertThat(tools(console)).isEmpty();
		assertThat((List<?>) console.get("latency")).isEmpty();
		Map<?, ?> tokens = (Map<?, ?>) console.get("tokens");
		assertThat(tokens.get("runs")).isEqualTo(0L);
		assertThat(tokens.get("p50")).isNull();
		assertThat(tokens.get("p95")).isNull();
		assertThat((List<?>) tokens.get("buckets")).isEmpty();
		assertThat((List<?>) console.get("versions")).isEmpty();
		assertThat((List<?>) console.get("sessions")).isEmpty();
	}

	@Test
	void withoutAStoreOnlyTheTotalsSinceStartAreKnown() {
		serve(Vigil.builder(new SimpleMeterRegistry()).runLog(false)
			.storePolicy(io.github.vigil.store.StorePolicy.defaults().disabled())
			.build(), 3);

		Map<String, Object> console = new ConsoleData(this.vigil, Clock.systemUTC(), true).snapshot(null);

		assertThat(console).containsEntry("store", false).doesNotContainKeys("range", "latency", "tokens");
		assertThat(tools(console)).singleElement()
			.satisfies((tool) -> assertThat(tool).containsEntry("calls_total", 3L).containsEntry("calls", 3L));
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> tools(Map<String, Object> console) {
		return (List<Map<String, Object>>) console.get("tools");
	}

	interface Assistant {

		String chat(String message);

	}

	static final class Orders {

		@Tool("Looks up an order")
		String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

	}

	/** Asks for one lookup, then answers; 100 input and 50 output tokens a call. */
	static final class LookupModel implements ChatModel {

		@Override
		public ChatResponse doChat(ChatRequest request) {
			boolean looked = request.messages().get(request.messages().size() - 1) instanceof ToolExecutionResultMessage;
			AiMessage reply = looked ? AiMessage.from("It shipped.")
					: AiMessage.from(ToolExecutionRequest.builder().id("1").name("lookupOrder")
						.arguments("{\"arg0\":\"ORD-1\"}").build());
			return ChatResponse.builder().aiMessage(reply).tokenUsage(new TokenUsage(100, 50)).build();
		}

	}

}
