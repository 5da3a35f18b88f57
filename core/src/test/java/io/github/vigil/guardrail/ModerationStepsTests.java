package io.github.vigil.guardrail;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Moderate;
import dev.langchain4j.service.ModerationException;
import io.github.vigil.Vigil;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StepRecord;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A moderation model's checks, which LangChain4j runs for {@code @Moderate} methods on its own executor beside the
 * model call, are steps of their runs: latency and whether they flagged, never the text; the caller gets the same
 * answer or the same exception as without Vigil, and the moderation model is called the same.
 */
class ModerationStepsTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	private final ObjectMapper json = new ObjectMapper();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	interface Support {

		@Moderate
		String chat(String message);

	}

	/** Flags messages that threaten; can be held until the model call has been made. */
	static final class Moderator implements ModerationModel {

		final List<List<ChatMessage>> checked = new CopyOnWriteArrayList<>();

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean holdUntilReleased;

		volatile RuntimeException failure;

		@Override
		public Response<Moderation> moderate(List<ChatMessage> messages) {
			this.checked.add(messages);
			if (this.holdUntilReleased) {
				try {
					this.release.await(5, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			if (this.failure != null) {
				throw this.failure;
			}
			String text = ((UserMessage) messages.get(messages.size() - 1)).singleText();
			return Response.from(text.contains("threat") ? Moderation.flagged(text) : Moderation.notFlagged());
		}

	}

	/** Answers; lets a held moderation go once it has been called. */
	static final class Model implements ChatModel {

		final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

		Moderator releases;

		@Override
		public ChatResponse doChat(ChatRequest request) {
			this.requests.add(request);
			if (this.releases != null) {
				this.releases.release.countDown();
			}
			return ChatResponse.builder().aiMessage(AiMessage.from("Your order ships tomorrow.")).build();
		}

	}

	private Support support(ChatModel model, ModerationModel moderator) {
		return AiServices.builder(Support.class).chatModel(model).moderationModel(moderator).build();
	}

	private JsonNode line(RunRecord run) throws Exception {
		return this.json.readTree(new JsonRunLog(new ContentRedactor(500, true)).format(run));
	}

	@Test
	void aCheckThatPassesIsAStepOfItsRunAndTheAnswerIsTheSame() throws Exception {
		Moderator bare = new Moderator();
		Moderator observed = new Moderator();
		String without = support(new Model(), bare).chat("Where is my order?");
		String with = support(this.vigil.observe(new Model()), this.vigil.observe(observed)).chat("Where is my order?");

		assertThat(with).isEqualTo(without);
		assertThat(observed.checked).hasSize(bare.checked.size()).hasSize(1);
		RunRecord run = this.runs.single();
		StepRecord step = run.steps().stream().filter((each) -> each.kind().equals(Moderations.MODERATION)).findFirst()
			.orElseThrow();
		assertThat(step.name()).isEqualTo("Moderator");
		assertThat(step.succeeded()).isTrue();
		assertThat(step.facts().get(Moderated.class).flagged()).isFalse();
		JsonNode line = line(run);
		assertThat(line.get("moderation").get("flagged").asBoolean()).isFalse();
		assertThat(line.get("moderation").has("latency_ms")).isTrue();
		assertThat(line.get("moderations").get(0).get("model").asText()).isEqualTo("Moderator");
		assertThat(this.registry.get("vigil.step.duration").tags("vigil.step.kind", "moderation", "outcome", "success")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aCheckThatFlagsFailsTheRunWithTheSameExceptionAndNeverLogsTheText() throws Exception {
		Throwable without = catchThrowable(() -> support(new Model(), new Moderator()).chat("This is a threat"));
		Throwable with = catchThrowable(
				() -> support(this.vigil.observe(new Model()), this.vigil.observe(new Moderator()))
					.chat("This is a threat"));

		assertThat(with).isInstanceOf(ModerationException.class).hasMessage(without.getMessage());
		RunRecord run = this.runs.single();
		assertThat(run.outcome().value()).isEqualTo("error");
		JsonNode line = line(run);
		assertThat(line.get("moderation").get("flagged").asBoolean()).isTrue();
		assertThat(line.get("moderations").get(0).get("outcome").asText()).isEqualTo("flagged");
		assertThat(line.get("moderations").get(0).toString()).doesNotContain("threat");
		assertThat(this.registry.get("vigil.step.duration").tags("vigil.step.kind", "moderation", "error.type", "flagged")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aCheckThatEndsAfterTheModelCallStillFindsItsRun() throws Exception {
		Moderator slow = new Moderator();
		slow.holdUntilReleased = true;
		Model model = new Model();
		model.releases = slow;

		String answer = support(this.vigil.observe(model), this.vigil.observe(slow)).chat("Where is my order?");

		assertThat(answer).isEqualTo("Your order ships tomorrow.");
		RunRecord run = this.runs.single();
		assertThat(run.steps()).extracting(StepRecord::kind).contains(Moderations.MODERATION);
	}

	@Test
	void aModerationModelThatTimesOutFailsTheCallAsWithoutVigilWithOneRunLogLine() throws Exception {
		Moderator bare = new Moderator();
		bare.failure = new IllegalStateException("moderation timed out");
		Moderator observed = new Moderator();
		observed.failure = new IllegalStateException("moderation timed out");

		Throwable without = catchThrowable(() -> support(new Model(), bare).chat("Where is my order?"));
		Throwable with = catchThrowable(
				() -> support(this.vigil.observe(new Model()), this.vigil.observe(observed)).chat("Where is my order?"));

		assertThat(with).isInstanceOf(without.getClass()).hasMessage(without.getMessage());
		RunRecord run = this.runs.single();
		assertThat(run.outcome().value()).isEqualTo("error");
		assertThat(line(run).get("moderations").get(0).get("outcome").asText()).isEqualTo("IllegalStateException");
	}

	@Test
	void checksNoRunClaimsWaitBoundedTheOldestLetGoAsStepsOfNoRun() {
		ModerationModel observed = this.vigil.observe(new Moderator());

		for (int i = 0; i < 300; i++) {
			observed.moderate(List.of(UserMessage.from("question " + i)));
		}

		assertThat(this.runs.all()).isEmpty();
		assertThat(this.registry.get("vigil.step.duration").tags("vigil.step.kind", "moderation")
			.timer()
			.count()).as("at most 256 wait").isEqualTo(300 - 256);
	}

	@Test
	void aCheckNoRunClaimsIsAStepOfNoRunOnceItHasWaitedForOne() {
		Moderations moderations = new Moderations(() -> this.vigil.steps(),
				new io.github.vigil.run.InternalFailures(this.registry), java.time.Duration.ZERO);
		ModerationModel observed = moderations.observe(new Moderator());

		assertThat(observed.moderate(List.of(UserMessage.from("a threat"))).content().flagged()).isTrue();
		moderations.letGoOfUnclaimedChecks();

		assertThat(this.runs.all()).isEmpty();
		assertThat(this.registry.get("vigil.step.duration").tags("vigil.step.kind", "moderation", "gen_ai.agent.name", "none")
			.timer()
			.count()).isEqualTo(1);
	}

}
