package io.github.vigil.store;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.github.vigil.grounding.Flag;
import io.github.vigil.run.GuardTrip;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every run store does, whatever keeps the runs: the same writes, the same answers.
 */
abstract class RunStoreContract {

	static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

	RunStore store;

	abstract RunStore createStore();

	@BeforeEach
	void openStore() {
		this.store = createStore();
	}

	static StoredRun run(String id, String user, Instant at, StoredStep... steps) {
		return new StoredRun(id, "trace-" + id, "instance-a", "SupportAgent", "io.example.SupportAgent", "chat",
				user, user, at, at.plusMillis(900), "completed", null, null, 120, 30,
				"Where is order ORD-1?", "It shipped.", List.of(), List.of(), List.of(steps), new java.math.BigDecimal("0.000165"), "USD");
	}

	static StoredStep model(int index, long offsetMillis) {
		return new StoredStep(index, StoredStep.MODEL, offsetMillis * 1000, 200_000, "gpt-4o-mini", StoredStep.SUCCESS,
				null, null, null, null, "gpt-4o-mini-2024-07-18", 100, 20, "tool_execution", "chat", new java.math.BigDecimal("0.000027"));
	}

	static StoredStep ok(int index, long offsetMillis, String tool) {
		return new StoredStep(index, StoredStep.TOOL, offsetMillis * 1000, 40_000, tool, StoredStep.SUCCESS, null,
				null, "{\"id\":\"ORD-1\"}", "{\"status\":\"shipped\"}", null, 0, 0, null, null, null);
	}

	static StoredStep failed(int index, long offsetMillis, String tool, String type) {
		return new StoredStep(index, StoredStep.TOOL, offsetMillis * 1000, 40_000, tool, StoredStep.ERROR, type,
				"tool returned an HTML page: <title>410 Gone</title>", "{\"id\":\"ORD-1\"}",
				"<!DOCTYPE html><title>410 Gone</title>", null, 0, 0, null, null, null);
	}

	@Test
	void aRunComesBackWholeWithItsStepsInOrder() {
		StoredRun written = new StoredRun("run-1", "4bf92f3577b34da6a3ce929d0e0e4736", "instance-a", "SupportAgent",
				"io.example.SupportAgent", "chat", "u-1", "m-1", T0, T0.plusMillis(900), "killed", "loop", "ended",
				120, 30, "Where is order ORD-1?", null,
				List.of(new GuardTrip("loop", "identical-call", "lookupOrder", 3, "{\"id\":\"ORD-1\"}", "end", "x")),
				List.of(new Flag(Flag.URL, "https://x.example/track", "no source")),
				List.of(model(0, 0), failed(1, 210, "lookupOrder", "html_response"), model(2, 260)),
				new java.math.BigDecimal("0.000054"), "USD");

		this.store.write(List.of(written));

		StoredRun read = this.store.run("run-1").orElseThrow();
		assertThat(read).isEqualTo(written);
		assertThat(read.steps()).extracting(StoredStep::index).containsExactly(0, 1, 2);
	}

	static StoredStep served(int index, long offsetMillis, String tool, @org.jspecify.annotations.Nullable String type,
			@org.jspecify.annotations.Nullable String server) {
		return new StoredStep(index, StoredStep.TOOL, offsetMillis * 1000, 40_000, tool,
				(type != null) ? StoredStep.ERROR : StoredStep.SUCCESS, type, (type != null) ? "failed" : null, "{}",
				"{}", null, 0, 0, null, null, null, server);
	}

	@Test
	void aToolTwoServersServeIsCountedPerServerAndTogether() {
		this.store.write(List.of(run("run-1", "u-1", T0, served(0, 10, "search", null, "docs")),
				run("run-2", "u-2", T0.plusSeconds(1), served(0, 10, "search", "timeout", "docs")),
				run("run-3", "u-3", T0.plusSeconds(2), served(0, 10, "search", "html_response", "web")),
				run("run-4", "u-4", T0.plusSeconds(3), served(0, 10, "search", "tool_error", null))));
		Instant until = T0.plusSeconds(60);

		StepQuery docs = new StepQuery(StoredStep.TOOL, "search", "docs");
		assertThat(this.store.stepCalls(docs, T0, until, Duration.ofMinutes(1)))
			.extracting(ToolCallCounts::calls, ToolCallCounts::errors)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 1L));
		assertThat(this.store.errorTypes(docs, T0, until)).extracting(ErrorTypeCount::type).containsExactly("timeout");
		assertThat(this.store.affectedUsers(docs, T0, until).users()).isEqualTo(1);
		assertThat(this.store.errorTypes(new StepQuery(StoredStep.TOOL, "search", "web"), T0, until))
			.extracting(ErrorTypeCount::type)
			.containsExactly("html_response");
		// without a server: every call of the tool, whoever served it
		assertThat(this.store.stepCalls(StepQuery.tool("search"), T0, until, Duration.ofMinutes(1)))
			.extracting(ToolCallCounts::calls, ToolCallCounts::errors)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(4L, 3L));
		assertThat(this.store.run("run-3").orElseThrow().steps().get(0).server()).isEqualTo("web");
		assertThat(this.store.run("run-4").orElseThrow().steps().get(0).server()).isNull();
	}

	@Test
	void anUnknownRunIsEmpty() {
		assertThat(this.store.run("nope")).isEmpty();
	}

	@Test
	void writingARunTwiceKeepsOne() {
		StoredRun run = run("run-1", "u-1", T0, model(0, 0));
		this.store.write(List.of(run));
		this.store.write(List.of(run));
		assertThat(this.store.count()).isEqualTo(1);
	}

	@Test
	void aUsersRunsComeNewestFirstWithoutSteps() {
		this.store.write(List.of(run("a", "u-1", T0, model(0, 0)), run("b", "u-2", T0.plusSeconds(1)),
				run("c", "u-1", T0.plusSeconds(2), model(0, 0))));

		assertThat(this.store.runsOfUser("u-1", 10)).extracting(StoredRun::runId).containsExactly("c", "a");
		assertThat(this.store.runsOfUser("u-1", 1)).extracting(StoredRun::runId).containsExactly("c");
		assertThat(this.store.runsOfUser("u-1", 10).get(0).steps()).isEmpty();
		assertThat(this.store.recentRuns(2)).extracting(StoredRun::runId).containsExactly("c", "b");
	}

	@Test
	void failuresOfAToolAreListedNewestFirstAndNarrowedByEveryFilter() {
		this.store.write(List.of(run("a", "u-1", T0, ok(0, 10, "lookupOrder")),
				run("b", "u-2", T0.plusSeconds(10), failed(0, 10, "lookupOrder", "html_response")),
				run("c", "u-3", T0.plusSeconds(20), failed(0, 10, "lookupOrder", "invalid_json"),
						failed(1, 50, "cancelOrder", "timeout")),
				run("d", "u-2", T0.plusSeconds(30), model(0, 0), failed(1, 10, "lookupOrder", "html_response"))));

		assertThat(this.store.failures(FailureQuery.of("lookupOrder"))).extracting(ToolFailure::runId)
			.containsExactly("d", "c", "b");
		ToolFailure newest = this.store.failures(FailureQuery.of("lookupOrder")).get(0);
		assertThat(newest.stepIndex()).isEqualTo(1);
		assertThat(newest.timestamp()).isEqualTo(T0.plusSeconds(30).plusMillis(10));
		assertThat(newest.userId()).isEqualTo("u-2");
		assertThat(newest.errorType()).isEqualTo("html_response");
		assertThat(newest.arguments()).isEqualTo("{\"id\":\"ORD-1\"}");
		assertThat(this.store.failures(new FailureQuery("lookupOrder", null, null, "u-2", null, null, 50)))
			.extracting(ToolFailure::runId).containsExactly("d", "b");
		assertThat(this.store.failures(new FailureQuery("lookupOrder", null, null, null, "invalid_json", null, 50)))
			.extracting(ToolFailure::runId).containsExactly("c");
		assertThat(this.store.failures(new FailureQuery("lookupOrder", T0.plusSeconds(15), T0.plusSeconds(25), null,
				null, null, 50))).extracting(ToolFailure::runId).containsExactly("c");
		assertThat(this.store.failures(new FailureQuery("lookupOrder", null, null, null, null, "OtherAgent", 50)))
			.isEmpty();
		assertThat(this.store.failures(new FailureQuery("lookupOrder", null, null, null, null, null, 2))).hasSize(2);
	}

	@Test
	void filtersAreValuesNeverSql() {
		this.store.write(List.of(run("a", "u-1", T0, failed(0, 10, "lookupOrder", "html_response"))));

		assertThat(this.store.failures(new FailureQuery("lookupOrder", null, null, "x' OR '1'='1", null, null, 50)))
			.isEmpty();
		assertThat(this.store.failures(new FailureQuery("lookupOrder'; DROP TABLE vigil_run; --", null, null, null,
				null, null, 50))).isEmpty();
		assertThat(this.store.runsOfUser("u-1' OR 1=1 --", 10)).isEmpty();
		assertThat(this.store.run("a' OR '1'='1")).isEmpty();
		assertThat(this.store.count()).isEqualTo(1);
		assertThat(this.store.failures(FailureQuery.of("lookupOrder"))).hasSize(1);
	}

	@Test
	void callsOfAToolAreCountedInSlicesOfTime() {
		this.store.write(List.of(run("a", "u-1", T0, ok(0, 0, "lookupOrder")),
				run("b", "u-1", T0.plusSeconds(5), failed(0, 0, "lookupOrder", "html_response")),
				run("c", "u-2", T0.plusSeconds(65), failed(0, 0, "lookupOrder", "html_response"),
						ok(1, 100, "lookupOrder"), ok(2, 200, "cancelOrder"))));

		List<ToolCallCounts> slices = this.store.toolCalls("lookupOrder", T0, T0.plusSeconds(120),
				Duration.ofMinutes(1));

		assertThat(slices).containsExactly(new ToolCallCounts(T0, 2, 1),
				new ToolCallCounts(T0.plusSeconds(60), 2, 1));
		assertThat(this.store.toolCalls("lookupOrder", T0.plusSeconds(1), T0.plusSeconds(60), Duration.ofMinutes(1)))
			.containsExactly(new ToolCallCounts(T0.plusSeconds(1), 1, 1));
	}

	@Test
	void failuresAreCountedByErrorTypeWithFirstAndLastSeen() {
		this.store.write(List.of(run("a", "u-1", T0, failed(0, 0, "lookupOrder", "html_response")),
				run("b", "u-2", T0.plusSeconds(5), failed(0, 0, "lookupOrder", "invalid_json")),
				run("c", "u-3", T0.plusSeconds(9), failed(0, 0, "lookupOrder", "html_response"))));

		List<ErrorTypeCount> types = this.store.errorTypes("lookupOrder", T0, T0.plusSeconds(60));

		assertThat(types).extracting(ErrorTypeCount::type).containsExactly("html_response", "invalid_json");
		assertThat(types.get(0).count()).isEqualTo(2);
		assertThat(types.get(0).firstSeen()).isEqualTo(T0);
		assertThat(types.get(0).lastSeen()).isEqualTo(T0.plusSeconds(9));
		assertThat(types.get(0).sampleMessage()).contains("410 Gone");
	}

	@Test
	void affectedUsersTellOneUserFromMany() {
		List<StoredRun> runs = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			runs.add(run("r" + i, (i < 4) ? "u-1" : "u-" + i, T0.plusSeconds(i),
					failed(0, 0, "lookupOrder", "html_response")));
		}
		runs.add(run("ok", "u-9", T0.plusSeconds(7), ok(0, 0, "lookupOrder")));
		this.store.write(runs);

		AffectedUsers users = this.store.affectedUsers("lookupOrder", T0, T0.plusSeconds(60));

		assertThat(users.failures()).isEqualTo(6);
		assertThat(users.users()).isEqualTo(3);
		assertThat(users.topUserShare()).isEqualTo(4.0 / 6);
		assertThat(this.store.affectedUsers("cancelOrder", T0, T0.plusSeconds(60))).isEqualTo(AffectedUsers.NONE);
	}

	@Test
	void expiryDeletesRunsPastRetentionThenTheOldestBeyondTheCount() {
		List<StoredRun> runs = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			runs.add(run("r" + i, "u-1", T0.plusSeconds(i * 60L), failed(0, 0, "lookupOrder", "html_response")));
		}
		this.store.write(runs);

		this.store.expire(T0.plusSeconds(120), 1_000);
		assertThat(this.store.count()).isEqualTo(8);

		this.store.expire(T0, 5);
		assertThat(this.store.count()).isEqualTo(5);
		assertThat(this.store.recentRuns(10)).extracting(StoredRun::runId).containsExactly("r9", "r8", "r7", "r6", "r5");
		assertThat(this.store.failures(FailureQuery.of("lookupOrder"))).hasSize(5);
	}

	@Test
	void feedbackIsKeptForStoredRunsOnlyAndReplacedWhenItChanges() {
		this.store.write(List.of(run("run-1", "u-1", T0)));

		assertThat(this.store.feedback("nobody", new Feedback(true, "handoff", T0))).isFalse();
		assertThat(this.store.feedback("run-1", new Feedback(true, "handoff", T0))).isTrue();
		assertThat(this.store.feedback("run-1", new Feedback(false, "handoff-2", T0.plusSeconds(60)))).isTrue();

		assertThat(this.store.feedback(T0.minusSeconds(1), T0.plusSeconds(1)))
			.containsOnly(java.util.Map.entry("run-1", new Feedback(false, "handoff-2", T0.plusSeconds(60))));
		assertThat(this.store.feedback(T0.plusSeconds(1), T0.plusSeconds(2))).isEmpty();
	}

	static StoredRun prompted(String id, Instant at, String outcome, @org.jspecify.annotations.Nullable String name,
			String version) {
		StoredRun run = run(id, "u-" + id, at);
		return new StoredRun(run.runId(), run.traceId(), run.instance(), run.agent(), run.service(), run.method(),
				run.userId(), run.memoryId(), run.startedAt(), run.endedAt(), outcome, null, null, run.inputTokens(),
				run.outputTokens(), run.input(), run.output(), List.of(), List.of(), List.of(), run.cost(),
				run.currency(), List.of(), "1.4.2", new io.github.vigil.run.PromptVersion(name, version));
	}

	@Test
	void runsAreSplitByTheVersionOfTheirPromptWithEachScorersMean() {
		this.store.write(List.of(prompted("run-1", T0, "completed", "support", "a1b2c3d4e5f6"),
				prompted("run-2", T0.plusSeconds(60), "error", "support", "a1b2c3d4e5f6"),
				prompted("run-3", T0.plusSeconds(120), "completed", "support", "0f9e8d7c6b5a"),
				run("run-4", "u-4", T0.plusSeconds(180))));
		this.store.writeScores(List.of(score("run-1", "resolution", 1, T0), score("run-2", "resolution", 0, T0),
				score("run-3", "resolution", 1, T0)));

		List<PromptRuns> versions = this.store.runsByPrompt("SupportAgent", T0, T0.plusSeconds(3600));

		assertThat(versions).extracting(PromptRuns::version, PromptRuns::runs, PromptRuns::failed)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a1b2c3d4e5f6", 2L, 1L),
					org.assertj.core.groups.Tuple.tuple("0f9e8d7c6b5a", 1L, 0L));
		assertThat(versions.get(0).name()).isEqualTo("support");
		assertThat(versions.get(0).meanScores()).containsEntry("resolution", 0.5);
		assertThat(versions.get(1).firstSeen()).isEqualTo(T0.plusSeconds(120));
		assertThat(this.store.run("run-1").orElseThrow().prompt())
			.isEqualTo(new io.github.vigil.run.PromptVersion("support", "a1b2c3d4e5f6"));
		assertThat(this.store.runsByPrompt("OtherAgent", T0, T0.plusSeconds(3600))).isEmpty();
	}

	@Test
	void aScoreReplacesTheRunsEarlierScoreByTheSameScorer() {
		this.store.write(List.of(run("run-1", "u-1", T0)));
		this.store.writeScores(List.of(score("run-1", "resolution", 1, T0), score("run-1", "grounded", 1, T0)));
		this.store.writeScores(List.of(score("run-1", "resolution", 0, T0)));

		assertThat(this.store.scores("run-1")).extracting(RunScore::scorer, RunScore::value)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("grounded", 1.0),
					org.assertj.core.groups.Tuple.tuple("resolution", 0.0));
		assertThat(this.store.scores("run-1")).filteredOn((score) -> score.scorer().equals("resolution"))
			.singleElement()
			.satisfies((score) -> {
				assertThat(score.label()).isEqualTo("escalated");
				assertThat(score.explanation()).isEqualTo("escalated: tool escalateToHuman");
				assertThat(score.runStartedAt()).isEqualTo(T0);
			});
	}

	@Test
	void scoreDaysCountRunsAndOneScorersScoresPerAgentAndDay() {
		Instant day2 = T0.plus(Duration.ofDays(1));
		this.store.write(List.of(run("a", "u", T0), run("b", "u", T0.plusSeconds(60)), run("c", "u", day2),
				run("d", "u", day2.plusSeconds(5))));
		// a score may come before its run; it counts once the run is there
		this.store.writeScores(List.of(score("a", "resolution", 1, T0), score("b", "resolution", 0, T0),
				score("c", "resolution", 1, day2), score("c", "grounded", 0, day2), score("zzz", "resolution", 1, T0)));

		List<ScoreDay> days = this.store.scoreDays("resolution", T0.minusSeconds(1), day2.plusSeconds(60));

		assertThat(days).containsExactly(
				new ScoreDay("SupportAgent", java.time.LocalDate.parse("2026-11-30"), 2, 2, 1.0),
				new ScoreDay("SupportAgent", java.time.LocalDate.parse("2026-12-01"), 2, 1, 1.0));
	}

	@Test
	void runsAreReadWholeByTimeAgentAndOutcomeNewestFirst() {
		StoredRun other = new StoredRun("x", null, "i", "RefundAgent", null, null, "u", null, T0.plusSeconds(2),
				T0.plusSeconds(3), "error", "timeout", "slow", 0, 0, "refund?", null, List.of(), List.of(),
				List.of(model(0, 0)), null, null);
		this.store.write(List.of(run("a", "u", T0, model(0, 0), ok(1, 10, "lookupOrder")),
				run("b", "u", T0.plusSeconds(1)), other, run("old", "u", T0.minusSeconds(3600))));

		List<StoredRun> all = this.store.runs(new RunQuery(T0, T0.plusSeconds(10), null, null, 10));
		List<StoredRun> support = this.store.runs(new RunQuery(T0, T0.plusSeconds(10), "SupportAgent", null, 10));
		List<StoredRun> errors = this.store.runs(new RunQuery(T0, T0.plusSeconds(10), null, "error", 10));

		assertThat(all).extracting(StoredRun::runId).containsExactly("x", "b", "a");
		assertThat(all.get(2).steps()).extracting(StoredStep::name).containsExactly("gpt-4o-mini", "lookupOrder");
		assertThat(support).extracting(StoredRun::runId).containsExactly("b", "a");
		assertThat(errors).extracting(StoredRun::runId).containsExactly("x");
		assertThat(this.store.runs(new RunQuery(T0, T0.plusSeconds(10), null, null, 1))).extracting(StoredRun::runId)
			.containsExactly("x");
	}

	@Test
	void expiryTakesTheRunsScoresAndFeedbackWithIt() {
		this.store.write(List.of(run("old", "u", T0.minus(Duration.ofDays(20))), run("new", "u", T0)));
		this.store.writeScores(List.of(score("old", "resolution", 1, T0.minus(Duration.ofDays(20))),
				score("new", "resolution", 1, T0)));
		this.store.feedback("old", new Feedback(true, null, T0));

		this.store.expire(T0.minus(Duration.ofDays(14)), 1000);

		assertThat(this.store.scores("old")).isEmpty();
		assertThat(this.store.scores("new")).hasSize(1);
		assertThat(this.store.feedback(T0.minus(Duration.ofDays(30)), T0.plusSeconds(1))).isEmpty();
	}

	@Test
	void aWorkflowRunKeepsItsSubAgentsShares() {
		StoredRun workflow = new StoredRun("wf-1", null, "instance-a", "support-workflow", null, null, "u-1", null, T0,
				T0.plusSeconds(2), "completed", null, null, 60, 15, "Where is ORD-1?", "It shipped.", List.of(),
				List.of(), List.of(model(0, 0), model(1, 300)), null, null,
				List.of(new io.github.vigil.run.AgentRecord("triage", 20, 5, 1, 0, "completed", null),
						new io.github.vigil.run.AgentRecord("orders", 40, 10, 2, 1, "completed", null)));
		this.store.write(List.of(workflow));

		StoredRun read = this.store.run("wf-1").orElseThrow();

		assertThat(read.agents()).isEqualTo(workflow.agents());
		assertThat(this.store.recentRuns(1).get(0).agents()).isEqualTo(workflow.agents());
		assertThat(this.store.run("run-without-agents")).isEmpty();
	}

	static RunScore score(String runId, String scorer, double value, Instant runStartedAt) {
		return new RunScore(runId, scorer, value, (value == 1) ? "resolved" : "escalated",
				(value == 1) ? "resolved without a human" : "escalated: tool escalateToHuman", "SupportAgent",
				runStartedAt, runStartedAt.plusSeconds(1));
	}

	/** A run of a version on an instance, in a conversation, with its own user, agent and cost. */
	static StoredRun versioned(String id, String version, String instance, String memoryId, String user, String agent,
			Instant at, @org.jspecify.annotations.Nullable String cost, StoredStep... steps) {
		return new StoredRun(id, null, instance, agent, null, "chat", user, memoryId, at, at.plusMillis(900),
				(steps.length > 1 && steps[1].failed()) ? "error" : "completed", null, null, 100, 20, "in", "out",
				List.of(), List.of(), List.of(steps), (cost != null) ? new java.math.BigDecimal(cost) : null,
				(cost != null) ? "USD" : null, List.of(), version);
	}

	@Test
	void theConsolesRangeQuestionsAreAnsweredFromTheStoredRuns() {
		this.store.write(List.of(
				versioned("a", "1.4.1", "host-1", "c-1", "u-1", "SupportAgent", T0, "0.002", model(0, 0),
						failed(1, 210, "lookupOrder", "html_response")),
				versioned("b", "1.4.1", "host-1", "c-1", "u-1", "SupportAgent", T0.plusSeconds(60), "0.001",
						model(0, 0), failed(1, 210, "lookupOrder", "html_response")),
				versioned("c", "1.4.2", "host-2", "c-2", "u-2", "RefundAgent", T0.plusSeconds(120), "0.004",
						model(0, 0), ok(1, 210, "lookupOrder")),
				versioned("d", "1.4.2", "host-2", "c-3", "u-2", "SupportAgent", T0.plusSeconds(180), null,
						model(0, 0), ok(1, 210, "escalateToHuman"))));
		Instant from = T0.minusSeconds(1);
		Instant until = T0.plusSeconds(3600);

		assertThat(this.store.firstRunAt()).contains(T0);
		assertThat(this.store.toolNames(from, until)).containsExactly("escalateToHuman", "lookupOrder");
		assertThat(this.store.toolNames(T0.plusSeconds(150), until)).containsExactly("escalateToHuman");
		StepDurations tool = this.store.stepDurations(from, until)
			.stream()
			.filter((each) -> each.name().equals("lookupOrder"))
			.findFirst()
			.orElseThrow();
		assertThat(tool.kind()).isEqualTo(StoredStep.TOOL);
		assertThat(tool.micros().count()).isEqualTo(3);
		assertThat(tool.micros().quantile(0.5)).isBetween(40_000.0, 40_000 * 1.1);
		LogHistogram tokens = this.store.runTokens(from, until);
		assertThat(tokens.count()).isEqualTo(4);
		assertThat(tokens.quantile(0.95)).isBetween(120.0, 132.0);
		assertThat(this.store.costs(CostShare.By.AGENT, from, until, 10)).extracting(CostShare::key, CostShare::runs)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RefundAgent", 1L),
					org.assertj.core.groups.Tuple.tuple("SupportAgent", 2L));
		assertThat(this.store.costs(CostShare.By.USER, from, until, 1)).singleElement().satisfies((share) -> {
			assertThat(share.key()).isEqualTo("u-2");
			assertThat(share.cost()).isEqualByComparingTo("0.004");
			assertThat(share.currency()).isEqualTo("USD");
		});
		assertThat(this.store.costs(CostShare.By.MODEL, from, until, 10)).singleElement()
			.satisfies((share) -> assertThat(share.key()).isEqualTo("gpt-4o-mini-2024-07-18"));
		assertThat(this.store.sessions(null, from, until, 10)).extracting(SessionSummary::memoryId)
			.containsExactly("c-3", "c-2", "c-1");
		SessionSummary first = this.store.sessions("u-1", from, until, 10).get(0);
		assertThat(first.runs()).isEqualTo(2);
		assertThat(first.failed()).isEqualTo(2);
		assertThat(first.cost()).isEqualByComparingTo("0.003");
		assertThat(this.store.session("c-1", 10)).extracting(StoredRun::runId).containsExactly("a", "b");
		assertThat(this.store.session("c-1", 1)).extracting(StoredRun::runId).containsExactly("b");
		assertThat(this.store.versions(from, until)).extracting(VersionSeen::version, VersionSeen::instance,
				VersionSeen::firstSeen, VersionSeen::runs)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("1.4.1", "host-1", T0, 2L),
					org.assertj.core.groups.Tuple.tuple("1.4.2", "host-2", T0.plusSeconds(120), 2L));
		assertThat(this.store.toolCallsByVersion("lookupOrder", from, until))
			.extracting(VersionCalls::version, VersionCalls::calls, VersionCalls::errors)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("1.4.1", 2L, 2L),
					org.assertj.core.groups.Tuple.tuple("1.4.2", 1L, 0L));
	}

	@Test
	void theLatestConversationsAreFoundHoweverManyRunsTheNewestHas() {
		List<StoredRun> runs = new ArrayList<>();
		runs.add(versioned("old-1", "1.4.1", "host-1", "c-old", "u-1", "SupportAgent", T0, "0.001", model(0, 0)));
		runs.add(versioned("mid-1", "1.4.1", "host-1", "c-mid", "u-2", "SupportAgent", T0.plusSeconds(1), "0.001",
				model(0, 0)));
		// one long conversation holds the newest 90 runs
		for (int i = 0; i < 90; i++) {
			runs.add(versioned("long-" + i, "1.4.1", "host-1", "c-long", "u-3", "SupportAgent",
					T0.plusSeconds(10 + i), "0.001", model(0, 0)));
		}
		this.store.write(runs);
		Instant until = T0.plusSeconds(600);

		assertThat(this.store.sessions(null, T0, until, 1)).extracting(SessionSummary::memoryId, SessionSummary::runs)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("c-long", 90L));
		assertThat(this.store.sessions(null, T0, until, 3)).extracting(SessionSummary::memoryId)
			.containsExactly("c-long", "c-mid", "c-old");
		assertThat(this.store.sessions("u-2", T0, until, 3)).extracting(SessionSummary::memoryId)
			.containsExactly("c-mid");
		assertThat(this.store.sessions(null, T0.plusSeconds(5), until, 3)).as("only runs in the range count")
			.extracting(SessionSummary::memoryId)
			.containsExactly("c-long");
		assertThat(this.store.costs(CostShare.By.MODEL, T0, until, 3)).singleElement().satisfies((share) -> {
			assertThat(share.runs()).isEqualTo(92);
			assertThat(share.currency()).isEqualTo("USD");
		});
	}

	@Test
	void anEmptyStoreAnswersRangeQuestionsWithNothing() {
		assertThat(this.store.firstRunAt()).isEmpty();
		assertThat(this.store.stepDurations(T0, T0.plusSeconds(60))).isEmpty();
		assertThat(this.store.runTokens(T0, T0.plusSeconds(60)).quantile(0.5)).isNaN();
		assertThat(this.store.costs(CostShare.By.USER, T0, T0.plusSeconds(60), 5)).isEmpty();
		assertThat(this.store.sessions(null, T0, T0.plusSeconds(60), 5)).isEmpty();
		assertThat(this.store.session("nobody", 5)).isEmpty();
		assertThat(this.store.versions(T0, T0.plusSeconds(60))).isEmpty();
	}

}
