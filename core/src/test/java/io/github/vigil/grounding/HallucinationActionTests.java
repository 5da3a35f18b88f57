package io.github.vigil.grounding;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.grounding.Flag;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What happens to an answer with unbacked items: flagged, asked again once, or blocked.
 */
class HallucinationActionTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final List<Review> ticketed = new CopyOnWriteArrayList<>();

	interface Agent {

		String chat(String message);

	}

	/** Invents a discount link first; when told so, answers without it. */
	static final class InventiveModel implements ChatModel {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public ChatResponse doChat(ChatRequest request) {
			this.calls.incrementAndGet();
			List<ChatMessage> messages = request.messages();
			boolean toldOff = messages.get(messages.size() - 1) instanceof UserMessage user
					&& user.singleText().startsWith("Your answer contains items that could not be verified");
			String answer = toldOff ? "The Trail Runner Shoes cost $129.99."
					: "The Trail Runner Shoes cost $99.99 with code SAVE at https://deals.example.net/shoes.";
			return ChatResponse.builder().aiMessage(AiMessage.from(answer)).tokenUsage(new TokenUsage(40, 20)).build();
		}

	}

	private Agent agent(InventiveModel model, HallucinationAction action) {
		Vigil vigil = Vigil.builder(this.registry)
			.sink(this.runs)
			.knowledgeBase(GroundingCheckTests.SHOP)
			.knowledgeBase(GroundingCheckTests.CATALOG)
			.hallucinationPolicy(new HallucinationPolicy(true, action, "Let me check that and get back to you.", 10))
			.reviewSink(this.ticketed::add)
			.build();
		this.vigil = vigil;
		return AiServices.builder(Agent.class).chatModel(vigil.observe(model)).build();
	}

	private Vigil vigil;

	@Test
	void flagRecordsAndReturnsTheAnswerUnchanged() {
		InventiveModel model = new InventiveModel();

		String answer = agent(model, HallucinationAction.FLAG).chat("How much are the Trail Runner Shoes?");

		assertThat(answer).contains("$99.99");
		RunRecord run = this.runs.single();
		assertThat(run.fact(GroundingOutcome.class).action()).isEqualTo("flagged");
		assertThat(run.fact(GroundingOutcome.class).flags()).extracting(Flag::kind).containsExactlyInAnyOrder("url", "price");
		assertThat(this.registry.get("vigil.hallucination.flags").tags("kind", "price", "gen_ai.agent.name", "Agent")
			.counter()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("vigil.hallucination.checks").tags("result", "flagged").counter().count())
			.isEqualTo(1);
		Review review = HallucinationCheck.of(this.vigil).reviews().newestFirst().get(0);
		assertThat(review.runId()).isEqualTo(run.runId());
		assertThat(review.answerExcerpt()).contains("$99.99");
		assertThat(this.ticketed).containsExactly(review);
		String line = new JsonRunLog(new ContentRedactor(500, true)).format(run);
		assertThat(line).contains("\"flags\":[{\"kind\":\"url\",\"value\":\"https://deals.example.net/shoes\"")
			.contains("\"flag_action\":\"flagged\"");
	}

	@Test
	void repromptAsksOnceMoreAndRecordsBothChecks() {
		InventiveModel model = new InventiveModel();

		String answer = agent(model, HallucinationAction.REPROMPT).chat("How much are the Trail Runner Shoes?");

		assertThat(answer).isEqualTo("The Trail Runner Shoes cost $129.99.");
		assertThat(model.calls.get()).isEqualTo(2);
		RunRecord run = this.runs.single();
		assertThat(run.modelCalls()).isEqualTo(2);
		assertThat(run.fact(GroundingOutcome.class).action()).isEqualTo("reprompted");
		assertThat(run.fact(GroundingOutcome.class).flags()).hasSize(2);
		assertThat(run.fact(GroundingOutcome.class).repromptFlags()).isEmpty();
		assertThat(this.registry.get("vigil.hallucination.checks").tags("result", "flagged").counter().count())
			.isEqualTo(1);
		assertThat(this.registry.get("vigil.hallucination.checks").tags("result", "clean").counter().count())
			.isEqualTo(1);
	}

	@Test
	void blockReplacesTheAnswer() {
		String answer = agent(new InventiveModel(), HallucinationAction.BLOCK).chat("How much are the shoes?");

		assertThat(answer).isEqualTo("Let me check that and get back to you.");
		assertThat(this.runs.single().output()).isEqualTo("Let me check that and get back to you.");
		assertThat(this.runs.single().fact(GroundingOutcome.class).action()).isEqualTo("blocked");
		assertThat(HallucinationCheck.of(this.vigil).reviews().newestFirst().get(0).answerExcerpt()).contains("$99.99");
	}

	@Test
	void theReviewQueueIsBoundedAndNewestFirst() {
		Agent agent = agent(new InventiveModel(), HallucinationAction.FLAG);
		for (int i = 0; i < 15; i++) {
			agent.chat("Question " + i);
		}

		List<Review> reviews = HallucinationCheck.of(this.vigil).reviews().newestFirst();
		assertThat(reviews).hasSize(10);
		assertThat(reviews.get(0).runId()).isEqualTo(this.runs.all().get(14).runId());
	}

}
