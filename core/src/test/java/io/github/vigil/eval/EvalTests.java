package io.github.vigil.eval;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.vigil.Vigil;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Offline evals in the build: last week's stored runs answered again with their recorded tool results, scored,
 * compared with the previous eval's result, and reported.
 */
class EvalTests {

	@TempDir
	Path directory;

	private final SupportDesk desk = new SupportDesk();

	private final CapturedRuns production = new CapturedRuns();

	private Vigil vigil;

	private Assistant agent;

	@BeforeEach
	void lastWeek() {
		this.vigil = Vigil.builder(new SimpleMeterRegistry()).sink(this.production).build();
		this.agent = this.desk.agent(this.vigil);
		// production traffic, with the ground truth from the handoff data
		this.agent.chat("lookupOrder ORD-1");
		this.agent.chat("escalateToHuman ORD-2");
		this.agent.chat("lookupOrder ORD-3");
		this.agent.chat("escalateToHuman ORD-4");
		this.vigil.flushRuns(Duration.ofSeconds(5));
		List<String> runs = this.production.all().stream().map((run) -> run.runId()).toList();
		Evals.of(this.vigil).feedback(runs.get(0), true, "handoff");
		Evals.of(this.vigil).feedback(runs.get(1), false, "handoff");
		Evals.of(this.vigil).feedback(runs.get(2), true, "handoff");
		Evals.of(this.vigil).feedback(runs.get(3), false, "handoff");
		this.desk.lookups.set(0);
		this.desk.escalations.set(0);
	}

	@AfterEach
	void close() {
		this.vigil.close();
	}

	private EvalDataset lastWeeksRuns() {
		return Evals.of(this.vigil).dataset(7, null, null, true, 100);
	}

	@Test
	void storedRunsAreAnsweredAgainWithTheirRecordedToolResultsAndScored() {
		EvalDataset dataset = lastWeeksRuns();

		EvalResult result = Eval.of(dataset)
			.task((c) -> this.agent.chat(c.input()))
			.scorers(Scorer.resolution(), Scorer.toolSuccess())
			.run();

		assertThat(dataset.size()).isEqualTo(4);
		assertThat(this.desk.lookups).hasValue(0);
		assertThat(this.desk.escalations).hasValue(0);
		assertThat(result.cases()).hasSize(4).allSatisfy((each) -> {
			assertThat(each.scores().get("resolution").value()).isEqualTo(1.0);
			assertThat(each.run()).isNotNull();
			assertThat(each.run().runId()).isNotEqualTo(each.evalCase().id());
			assertThat(each.output()).isEqualTo(each.evalCase().originalOutput());
		});
		assertThat(result.averages()).containsEntry("resolution", 1.0).containsEntry("tool-success", 1.0);
		assertThat(result.passed()).isTrue();
		assertThat(result.hasBaseline()).isFalse();
	}

	@Test
	void liveToolsRunAgain() {
		EvalResult result = Eval.of(lastWeeksRuns())
			.task((c) -> this.agent.chat(c.input()))
			.scorers(Scorer.resolution())
			.tools(Eval.Tools.LIVE)
			.run();

		assertThat(this.desk.lookups).hasValue(2);
		assertThat(this.desk.escalations).hasValue(2);
		assertThat(result.average("resolution")).isEqualTo(1.0);
	}

	@Test
	void theGateFailsWhenAScorerDropsMoreThanTheAllowedPointsBelowTheBaseline() {
		Path baseline = this.directory.resolve("eval-baseline.json");
		Eval.of(lastWeeksRuns()).task((c) -> this.agent.chat(c.input())).scorers(Scorer.resolution()).run()
			.writeJson(baseline);

		// a worse prompt: the agent never hands over, not even when a human is needed
		EvalResult worse = Eval.of(lastWeeksRuns())
			.task((c) -> this.agent.chat(c.input().replace("escalateToHuman", "lookupOrder")))
			.scorers(Scorer.resolution())
			.baseline(baseline)
			.maxDrop(5)
			.run();

		assertThat(worse.average("resolution")).isEqualTo(0.5);
		assertThat(worse.passed()).isFalse();
		assertThat(worse.comparisons()).singleElement().satisfies((comparison) -> {
			assertThat(comparison.baseline()).isEqualTo(1.0);
			assertThat(comparison.current()).isEqualTo(0.5);
			assertThat(comparison.dropPoints()).isEqualTo(50.0);
			assertThat(comparison.failed()).isTrue();
		});
		assertThatThrownBy(worse::assertPasses).isInstanceOf(AssertionError.class)
			.hasMessage("FAILED: resolution dropped 50.0 points (1.000 -> 0.500); at most 5.0 points allowed");
	}

	@Test
	void aDropWithinTheAllowedPointsPasses() throws Exception {
		Path baseline = this.directory.resolve("eval-baseline.json");
		Files.writeString(baseline, "{\"averages\": {\"resolution\": 1.04}}");

		EvalResult same = Eval.of(lastWeeksRuns())
			.task((c) -> this.agent.chat(c.input()))
			.scorers(Scorer.resolution())
			.baseline(baseline)
			.run();

		assertThat(same.comparisons()).singleElement().satisfies((comparison) -> {
			assertThat(comparison.dropPoints()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(1e-9));
			assertThat(comparison.failed()).isFalse();
		});
		same.assertPasses();
	}

	@Test
	void theStoreExportsADatasetAsJsonlThatReadsBackAndReplaysTheSame() {
		StringWriter jsonl = new StringWriter();
		int lines = Evals.of(this.vigil).exportJsonl(7, jsonl);

		EvalDataset read = EvalDataset.fromJsonl(new StringReader(jsonl.toString()), "last-week.jsonl", true);
		EvalResult result = Eval.of(read).task((c) -> this.agent.chat(c.input())).scorers(Scorer.resolution()).run();

		assertThat(lines).isEqualTo(4);
		assertThat(read.problems()).isEmpty();
		assertThat(read.cases()).extracting(EvalCase::input)
			.containsExactlyInAnyOrder("lookupOrder ORD-1", "escalateToHuman ORD-2", "lookupOrder ORD-3",
					"escalateToHuman ORD-4");
		assertThat(read.cases()).extracting(EvalCase::resolved).containsOnly(true, false);
		assertThat(read.cases().get(0).original().steps()).isNotEmpty();
		assertThat(this.desk.lookups).hasValue(0);
		assertThat(result.average("resolution")).isEqualTo(1.0);
	}

	@Test
	void datasetLinesThatDoNotParseAreReportedWithTheirLineNumbersAndSkipped() {
		String text = """
				{"input": "lookupOrder ORD-1", "resolved": true}
				this is not json

				{"resolved": true}
				{"input": "x", "resolved": "yes"}
				{"input": "escalateToHuman ORD-2", "resolved": false}
				""";

		EvalDataset lenient = EvalDataset.fromJsonl(new StringReader(text), "cases.jsonl", false);

		assertThat(lenient.cases()).extracting(EvalCase::input)
			.containsExactly("lookupOrder ORD-1", "escalateToHuman ORD-2");
		assertThat(lenient.problems()).hasSize(3);
		assertThat(lenient.problems().get(0)).startsWith("cases.jsonl line 2: ");
		assertThat(lenient.problems().get(1)).isEqualTo("cases.jsonl line 4: no \"input\"");
		assertThat(lenient.problems().get(2))
			.isEqualTo("cases.jsonl line 5: \"resolved\" must be true, false or null, was \"yes\"");
		assertThatThrownBy(() -> EvalDataset.fromJsonl(new StringReader(text), "cases.jsonl", true))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageStartingWith("cases.jsonl line 2: ");
	}

	@Test
	void aTaskThatThrowsIsACaseThatFailedAndTheOthersGoOn() {
		List<String> seen = new ArrayList<>();
		EvalResult result = Eval.of(lastWeeksRuns()).task((c) -> {
			seen.add(c.input());
			if (c.input().endsWith("ORD-3")) {
				throw new IllegalStateException("the model endpoint is down");
			}
			return this.agent.chat(c.input());
		}).scorers(Scorer.resolution()).run();

		assertThat(seen).hasSize(4);
		EvalCaseResult failed = result.cases()
			.stream()
			.filter((each) -> each.evalCase().input().endsWith("ORD-3"))
			.findFirst()
			.orElseThrow();
		assertThat(failed.error()).isEqualTo("IllegalStateException: the model endpoint is down");
		assertThat(failed.output()).isNull();
		assertThat(failed.scores().get("resolution").value()).isZero();
		assertThat(result.average("resolution")).isEqualTo(0.75);
	}

	@Test
	void theReportIsATableAJsonFileAndAnHtmlPage() throws Exception {
		EvalDataset dataset = EvalDataset.of(List.of(EvalCase.of("c-1", "none <script>alert(1)</script>", true)));
		EvalResult result = Eval.of(dataset)
			.name("prompt-v2")
			.task((c) -> this.agent.chat(c.input()))
			.scorers(Scorer.resolution(), Scorer.toolSuccess())
			.tools(Eval.Tools.LIVE)
			.run();

		String table = result.table();
		Path html = result.writeHtml(this.directory.resolve("report/eval.html"));
		Path json = result.writeJson(this.directory.resolve("report/eval.json"));

		assertThat(table).contains("Eval prompt-v2: 1 cases")
			.contains("resolution")
			.contains("1.00 resolved")
			.contains("average")
			.contains("gate: no baseline yet");
		assertThat(Files.readString(html)).contains("<h1>Eval prompt-v2</h1>")
			.contains("none &lt;script&gt;alert(1)&lt;/script&gt;")
			.doesNotContain("<script>");
		assertThat(Files.readString(json)).contains("\"averages\"").contains("\"resolution\" : 1.0");
		assertThat(EvalReport.readAverages(json)).containsEntry("resolution", 1.0).containsEntry("tool-success", 1.0);
	}

	@Test
	void anEvalNeedsATaskAndAScorer() {
		assertThatThrownBy(() -> Eval.of(EvalDataset.of(List.of())).scorers(Scorer.resolution()).run())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("needs a task");
		assertThatThrownBy(() -> Eval.of(EvalDataset.of(List.of())).task((c) -> "x").run())
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("at least one scorer");
	}

}
