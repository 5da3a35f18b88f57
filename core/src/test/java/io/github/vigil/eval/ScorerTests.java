package io.github.vigil.eval;

import java.time.Instant;
import java.util.List;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.grounding.Flag;
import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What each shipped scorer says of a run.
 */
class ScorerTests {

	private static RunRecord run(String answer, RunOutcome outcome, @Nullable GroundingOutcome grounding,
			ToolCallRecord... tools) {
		RunRecord.Builder run = RunRecord.builder("r-1", "SupportAgent")
			.user("u-1", null)
			.content("Where is my order?", answer)
			.toolCalls(List.of(tools))
			.tokens(10, 5, 0, 0)
			.modelCalls(1)
			.durationNanos(1_000)
			.ending(outcome, (outcome == RunOutcome.COMPLETED) ? null : "loop", null);
		if (grounding != null) {
			run.fact(grounding);
		}
		return run.build();
	}

	private static ToolCallRecord ok(String tool) {
		return new ToolCallRecord(tool, "{}", true, 1, null, null);
	}

	private static ToolCallRecord failed(String tool) {
		return new ToolCallRecord(tool, "{}", false, 1, "html_response", "410 Gone");
	}

	private static Score score(Scorer scorer, RunRecord run, @Nullable Boolean resolved) throws Exception {
		return scorer.score(new ScoredRun(run, resolved));
	}

	@Test
	void withoutGroundTruthResolutionIsOneWhenTheRunResolvedItselfAndZeroWhenItEscalated() throws Exception {
		Scorer resolution = Scorer.resolution();

		Score resolved = score(resolution, run("It shipped on Monday.", RunOutcome.COMPLETED, null, ok("lookupOrder")),
				null);
		Score byTool = score(resolution, run("Done.", RunOutcome.COMPLETED, null, ok("escalateToHuman")), null);
		Score byPhrase = score(resolution, run("Sorry, A Colleague Will contact you.", RunOutcome.COMPLETED, null),
				null);

		assertThat(resolved).isEqualTo(new Score(1, "resolved", "resolved without a human (no ground truth yet)"));
		assertThat(byTool).isEqualTo(new Score(0, "escalated", "escalated: tool escalateToHuman"));
		assertThat(byPhrase.value()).isZero();
		assertThat(byPhrase.explanation()).isEqualTo("escalated: answer says \"a colleague will\"");
	}

	@Test
	void withGroundTruthResolutionIsOneWhenTheRunDidWhatTheCaseNeeded() throws Exception {
		Scorer resolution = Scorer.resolution();
		RunRecord escalated = run("Done.", RunOutcome.COMPLETED, null, ok("escalateToHuman"));
		RunRecord answered = run("It shipped.", RunOutcome.COMPLETED, null, ok("lookupOrder"));

		assertThat(score(resolution, escalated, false).value()).isEqualTo(1);
		assertThat(score(resolution, escalated, true).value()).isZero();
		assertThat(score(resolution, answered, true).value()).isEqualTo(1);
		assertThat(score(resolution, answered, false).value()).isZero();
		assertThat(score(resolution, answered, false).explanation())
			.isEqualTo("did not escalate; the issue needed a human");
		assertThat(resolution.usesGroundTruth()).isTrue();
	}

	@Test
	void aFailedEscalationCallOrAFailedRunIsNotAResolution() throws Exception {
		Scorer resolution = Scorer.resolution();

		Score failedHandOff = score(resolution, run("It shipped.", RunOutcome.COMPLETED, null, failed("escalateToHuman")),
				null);
		Score error = score(resolution, run(null, RunOutcome.ERROR, null), true);

		assertThat(failedHandOff.label()).isEqualTo("resolved");
		assertThat(error).isEqualTo(new Score(0, "failed", "the run failed (loop): nothing was resolved"));
	}

	@Test
	void escalationToolsAndPhrasesAreConfigurable() throws Exception {
		Scorer resolution = Scorer.resolution(new Escalation(List.of("openTicket"), List.of("Ticket Opened")));

		assertThat(score(resolution, run("ok", RunOutcome.COMPLETED, null, ok("openTicket")), null).label())
			.isEqualTo("escalated");
		assertThat(score(resolution, run("Ticket opened: T-1", RunOutcome.COMPLETED, null), null).label())
			.isEqualTo("escalated");
		assertThat(score(resolution, run("ok", RunOutcome.COMPLETED, null, ok("escalateToHuman")), null).label())
			.isEqualTo("resolved");
	}

	@Test
	void theQualitySignalsScoreToolErrorsFlagsAndKills() throws Exception {
		RunRecord mixed = run("x", RunOutcome.COMPLETED, null, ok("lookupOrder"), failed("lookupOrder"),
				failed("lookupOrder"), ok("lookupOrder"));
		RunRecord flagged = run("See https://x.invalid", RunOutcome.COMPLETED,
				new GroundingOutcome(List.of(new Flag("url", "https://x.invalid", "unbacked")), "flagged", List.of(),
						"See https://x.invalid"));
		RunRecord killed = run("I could not finish.", RunOutcome.KILLED, null);

		assertThat(score(Scorer.toolSuccess(), mixed, null)).isEqualTo(new Score(0.5, "tool-errors", "2 of 4 tool calls failed"));
		assertThat(score(Scorer.toolSuccess(), killed, null)).isEqualTo(new Score(1, "ok", "no tool calls"));
		assertThat(score(Scorer.grounded(), flagged, null)).isEqualTo(new Score(0, "flagged", "1 unbacked item(s) in the answer"));
		assertThat(score(Scorer.grounded(), mixed, null).value()).isEqualTo(1);
		assertThat(score(Scorer.notKilled(), killed, null)).isEqualTo(new Score(0, "killed", "a guard ended the run: loop"));
		assertThat(score(Scorer.notKilled(), mixed, null).value()).isEqualTo(1);
	}

	@Test
	void aJudgeGradesTheAnswerAgainstTheRubricWithTheModelsReply() throws Exception {
		List<ChatRequest> asked = new java.util.ArrayList<>();
		ChatModel model = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				asked.add(request);
				return ChatResponse.builder()
					.aiMessage(AiMessage.from("Sure: {\"score\": 0.8, \"label\": \"pass\", \"explanation\": \"polite\"}"))
					.build();
			}
		};
		Scorer judge = Scorer.judge(model, "Polite and specific.", 1.0);

		Score score = score(judge, run("It shipped.", RunOutcome.COMPLETED, null, failed("lookupOrder")), null);

		assertThat(score).isEqualTo(new Score(0.8, "pass", "polite"));
		assertThat(asked).singleElement().satisfies((request) -> {
			assertThat(request.messages().get(0).toString()).contains("Polite and specific.");
			assertThat(request.messages().get(1).toString()).contains("Where is my order?")
				.contains("It shipped.")
				.contains("lookupOrder: failed (html_response)");
		});
	}

	@Test
	void aJudgeThatRepliesWithoutAScoreFailsAndOneNotSampledSkips() throws Exception {
		ChatModel model = new ChatModel() {
			@Override
			public ChatResponse doChat(ChatRequest request) {
				return ChatResponse.builder().aiMessage(AiMessage.from("I think it is fine.")).build();
			}
		};

		assertThatThrownBy(() -> score(Scorer.judge(model, "rubric", 1.0), run("a", RunOutcome.COMPLETED, null), null))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("not a JSON score");
		assertThat(Scorer.judge(model, "rubric", 0.0).score(new ScoredRun(run("a", RunOutcome.COMPLETED, null), null)))
			.isNull();
		assertThatThrownBy(() -> Scorer.judge(model, "rubric", 1.5)).isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void aScoreIsInZeroToOne() {
		assertThatThrownBy(() -> new Score(1.01, null, null)).hasMessageContaining("[0, 1]");
		assertThatThrownBy(() -> new Score(Double.NaN, null, null)).hasMessageContaining("[0, 1]");
	}

}
