package io.github.vigil.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.store.TriageException.Reason;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.ScriptedChatModel;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The on-call questions answered from stored runs: which tool, which error, since when, one user or many, and the
 * failing call reproduced.
 */
class TriageTests {

	private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

	private final MemoryRunStore store = new MemoryRunStore(10_000);

	private final Triage triage = new Triage(this.store, Clock.fixed(NOW, ZoneOffset.UTC), ReplayPolicy.off(), null,
			(type) -> null);

	private final List<Vigil> vigils = new ArrayList<>();

	@AfterEach
	void close() {
		this.vigils.forEach(Vigil::close);
	}

	/** One lookupOrder call every {@code every}, failing from {@code incidentStart} on for every user. */
	private void traffic(Instant from, Duration every, Instant incidentStart, int users) {
		traffic(from, every, incidentStart, NOW, users);
	}

	/** The same, the calls succeeding again from {@code incidentEnd} on. */
	private void traffic(Instant from, Duration every, Instant incidentStart, Instant incidentEnd, int users) {
		List<StoredRun> runs = new ArrayList<>();
		int i = 0;
		for (Instant at = from; at.isBefore(NOW); at = at.plus(every), i++) {
			boolean failing = !at.isBefore(incidentStart) && at.isBefore(incidentEnd) && i % 5 != 0;
			StoredStep step = failing ? RunStoreContract.failed(0, 0, "lookupOrder", "html_response")
					: RunStoreContract.ok(0, 0, "lookupOrder");
			runs.add(RunStoreContract.run("r" + i, "u-" + (i % users), at, step));
		}
		this.store.write(runs);
	}

	@Test
	void theSummaryAnswersWhichErrorSinceWhenAndOneUserOrMany() {
		Instant incident = NOW.minus(Duration.ofMinutes(7)).plusSeconds(13);
		traffic(NOW.minus(Duration.ofMinutes(50)), Duration.ofSeconds(10), incident, 40);

		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.calls()).isEqualTo(90);
		assertThat(summary.errors()).isBetween(30L, 36L);
		assertThat(summary.errorTypes()).singleElement().satisfies((type) -> {
			assertThat(type.type()).isEqualTo("html_response");
			assertThat(type.firstSeen()).isBetween(incident, incident.plusSeconds(20));
			assertThat(type.sampleMessage()).contains("410 Gone");
		});
		assertThat(summary.usersAffected()).isGreaterThan(25);
		assertThat(summary.topUserShare()).isLessThan(0.1);
		assertThat(summary.onsetBasis()).isEqualTo(ToolSummary.STEP_UP);
		assertThat(summary.onset()).isBetween(incident, incident.plusSeconds(20));
		assertThat(summary.healthyErrorRate()).isZero();
		assertThat(summary.recoveredAt()).isNull();
	}

	@Test
	void anIncidentThatEndedHasARecoveryTime() {
		Instant incident = NOW.minus(Duration.ofMinutes(10));
		// the endpoint was fixed 4 minutes ago: the later calls succeed
		Instant fixed = NOW.minus(Duration.ofMinutes(4));
		traffic(NOW.minus(Duration.ofMinutes(30)), Duration.ofSeconds(10), incident, fixed, 40);

		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.onset()).isBetween(incident, incident.plusSeconds(20));
		assertThat(summary.recoveredAt()).isBetween(fixed.minusSeconds(15), fixed.plusSeconds(15));
	}

	@Test
	void aSteadyLowErrorRateHasNoOnset() {
		List<StoredRun> runs = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			StoredStep step = (i % 50 == 7) ? RunStoreContract.failed(0, 0, "lookupOrder", "timeout")
					: RunStoreContract.ok(0, 0, "lookupOrder");
			runs.add(RunStoreContract.run("r" + i, "u-" + i, NOW.minusSeconds(800 - i * 4L), step));
		}
		this.store.write(runs);

		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.errors()).isEqualTo(4);
		assertThat(summary.onset()).isNull();
		assertThat(summary.onsetBasis()).isEqualTo(ToolSummary.STEADY);
	}

	@Test
	void oneUserHittingAFailureShowsAsOneUser() {
		List<StoredRun> runs = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			boolean mallory = i % 3 == 0;
			StoredStep step = mallory ? RunStoreContract.failed(0, 0, "lookupOrder", "invalid_json")
					: RunStoreContract.ok(0, 0, "lookupOrder");
			runs.add(RunStoreContract.run("r" + i, mallory ? "mallory" : "u-" + i, NOW.minusSeconds(300 - i * 5L), step));
		}
		this.store.write(runs);

		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.usersAffected()).isEqualTo(1);
		assertThat(summary.topUserShare()).isEqualTo(1.0);
	}

	@Test
	void aServerIsSummarizedByTheCallsItServedNotEveryCallOfItsToolsNames() {
		ToolServers servers = new ToolServers();
		servers.served("docs", "search");
		servers.served("web", "search");
		this.triage.toolServers(servers);
		this.store.write(List.of(
				RunStoreContract.run("a", "u-1", NOW.minusSeconds(60), RunStoreContract.served(0, 0, "search", null, "docs")),
				RunStoreContract.run("b", "u-2", NOW.minusSeconds(50),
						RunStoreContract.served(0, 0, "search", "html_response", "web")),
				RunStoreContract.run("c", "u-3", NOW.minusSeconds(40),
						RunStoreContract.served(0, 0, "search", "html_response", "web")),
				// the application's own tool of the same name: no server's
				RunStoreContract.run("d", "u-4", NOW.minusSeconds(30),
						RunStoreContract.served(0, 0, "search", "timeout", null))));

		ServerSummary docs = this.triage.server("docs", Duration.ofMinutes(15));
		ServerSummary web = this.triage.server("web", Duration.ofMinutes(15));

		assertThat(docs.calls()).isEqualTo(1);
		assertThat(docs.errors()).isZero();
		assertThat(web.calls()).isEqualTo(2);
		assertThat(web.errors()).isEqualTo(2);
		assertThat(web.errorTypes()).extracting(ErrorTypeCount::type).containsExactly("html_response");
		assertThat(this.triage.servers(Duration.ofMinutes(15))).extracting(ServerSummary::server)
			.containsExactly("docs", "web");
		assertThat(this.triage.summary("search", Duration.ofMinutes(15)).calls()).isEqualTo(4);
		ToolCallCounts webCalls = this.triage.serverCalls("web", NOW.minusSeconds(900), NOW.plusMillis(1));
		assertThat(webCalls.calls()).isEqualTo(2);
		assertThat(webCalls.errors()).isEqualTo(2);
		assertThat(this.triage.serverCalls("docs", NOW.minusSeconds(45), NOW.plusMillis(1)).calls()).isZero();
	}

	@Test
	void aToolWithoutCallsHasAnEmptySummary() {
		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.calls()).isZero();
		assertThat(summary.errorRate()).isZero();
		assertThat(summary.onset()).isNull();
	}

	@Test
	void badQuestionsGetClearAnswers() {
		assertThatThrownBy(() -> this.triage.run("missing")).isInstanceOf(TriageException.class)
			.hasMessage("no stored run with id 'missing'")
			.satisfies((ex) -> assertThat(((TriageException) ex).reason()).isEqualTo(Reason.NOT_FOUND));
		assertThatThrownBy(() -> this.triage.summary("lookupOrder", Duration.ofDays(90)))
			.hasMessageContaining("at most 31d");
		assertThatThrownBy(() -> this.triage.runs("u-1", 1_000_000)).hasMessageContaining("between 1 and 500");
		assertThatThrownBy(() -> this.triage.replayStep("r1", 0)).isInstanceOf(TriageException.class)
			.hasMessageContaining("vigil.triage.replay.enabled=true")
			.satisfies((ex) -> assertThat(((TriageException) ex).reason()).isEqualTo(Reason.REFUSED));
	}

	// ---------------------------------------------------------------- replay, through a real AI service

	/** The order backend of the incident: an HTML error page until the endpoint is fixed, then JSON. */
	public static final class OrderBackend {

		volatile boolean fixed;

		@Tool("Looks up an order")
		public String lookupOrder(String id) {
			return this.fixed ? "{\"id\":\"" + id + "\",\"status\":\"shipped\"}"
					: "<!DOCTYPE html><html><head><title>410 Gone</title></head><body>retired</body></html>";
		}

		@Tool("Cancels an order")
		public String cancelOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"cancelled\"}";
		}

	}

	private Vigil replaying(Set<String> tools) {
		Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).replayPolicy(new ReplayPolicy(true, tools)).build();
		this.vigils.add(vigil);
		return vigil;
	}

	private static Assistant agent(Vigil vigil, OrderBackend backend) {
		return AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(backend)
			.build();
	}

	private static String failingRun(Vigil vigil) {
		vigil.flushRuns(Duration.ofSeconds(5));
		return Triage.of(vigil).failures(FailureQuery.of("lookupOrder")).get(0).runId();
	}

	@Test
	void replayingAFailingToolCallReproducesItUntilTheEndpointIsFixed() {
		Vigil vigil = replaying(Set.of("lookupOrder"));
		OrderBackend backend = new OrderBackend();
		agent(vigil, backend).chat("lookupOrder ORD-10042");
		String runId = failingRun(vigil);

		StepReplay broken = Triage.of(vigil).replayStep(runId, 1);
		backend.fixed = true;
		StepReplay fixed = Triage.of(vigil).replayStep(runId, 1);

		assertThat(broken.tool()).isEqualTo("lookupOrder");
		assertThat(broken.arguments()).isEqualTo("{\"id\":\"ORD-10042\"}");
		assertThat(broken.recorded().errorType()).isEqualTo("html_response");
		assertThat(broken.replayed().outcome()).isEqualTo(StoredStep.ERROR);
		assertThat(broken.replayed().errorType()).isEqualTo("html_response");
		assertThat(broken.replayed().resultExcerpt()).contains("410 Gone");
		assertThat(fixed.recorded().errorType()).isEqualTo("html_response");
		assertThat(fixed.replayed().outcome()).isEqualTo(StoredStep.SUCCESS);
		assertThat(fixed.replayed().errorType()).isNull();
		assertThat(fixed.replayed().resultExcerpt()).contains("\"status\":\"shipped\"");
	}

	@Test
	void toolsWithSideEffectsAreNotReplayed() {
		Vigil vigil = replaying(Set.of("lookupOrder"));
		OrderBackend backend = new OrderBackend();
		agent(vigil, backend).chat("cancelOrder ORD-1");
		vigil.flushRuns(Duration.ofSeconds(5));
		String runId = Triage.of(vigil).runs(null, 1).get(0).runId();

		assertThatThrownBy(() -> Triage.of(vigil).replayStep(runId, 1)).isInstanceOf(TriageException.class)
			.hasMessageContaining("tool 'cancelOrder' is not replayable")
			.hasMessageContaining("vigil.triage.replay.tools");
		assertThatThrownBy(() -> Triage.of(vigil).replayStep(runId, 0)).hasMessageContaining("is a model call");
		assertThatThrownBy(() -> Triage.of(vigil).replayStep(runId, 7)).hasMessageContaining("there is no step 7");
		assertThatThrownBy(() -> Triage.of(vigil).replayRun(runId, false)).hasMessageContaining("'cancelOrder'");
	}

	@Test
	void aRunReplaysThroughTheSameServiceWithRecordedToolsAndNoToolRuns() {
		Vigil vigil = replaying(Set.of("lookupOrder"));
		OrderBackend backend = new OrderBackend();
		Assistant agent = agent(vigil, backend);
		Triage.of(vigil).replayTarget(Assistant.class, agent);
		agent.chat("lookupOrder ORD-10042");
		String runId = failingRun(vigil);
		backend.fixed = true;

		RunReplay recorded = Triage.of(vigil).replayRun(runId, true);
		RunReplay live = Triage.of(vigil).replayRun(runId, false);

		assertThat(recorded.tools()).isEqualTo("recorded");
		assertThat(recorded.replayRunId()).isNotNull().isNotEqualTo(runId);
		assertThat(recorded.steps()).hasSize(3).allSatisfy((pair) -> assertThat(pair.same()).isTrue());
		assertThat(recorded.steps().get(1).replayed().errorType()).isEqualTo("html_response");
		assertThat(recorded.replayedOutput()).contains("410 Gone");
		assertThat(live.steps().get(1).same()).isFalse();
		assertThat(live.steps().get(1).replayed().outcome()).isEqualTo(StoredStep.SUCCESS);
		assertThat(live.replayedOutput()).contains("shipped");
	}

	@Test
	void whatChangedBeforeTheOnsetIsTheVersionThatStartedThenAndTheFailuresFollowTheVersion() {
		List<StoredRun> runs = new ArrayList<>();
		Instant deploy = NOW.minus(Duration.ofMinutes(12));
		Instant fix = NOW.minus(Duration.ofMinutes(4));
		for (int i = 0; i < 180; i++) {
			Instant at = NOW.minus(Duration.ofMinutes(30)).plusSeconds(i * 10L);
			String version = at.isBefore(deploy) ? "1.4.1" : at.isBefore(fix) ? "1.4.2" : "1.4.3";
			StoredStep step = "1.4.2".equals(version) && i % 3 != 0
					? RunStoreContract.failed(0, 0, "lookupOrder", "html_response")
					: RunStoreContract.ok(0, 0, "lookupOrder");
			runs.add(RunStoreContract.versioned("r" + i, version, "host-1", "c-" + i, "u-" + (i % 20),
					"SupportAgent", at, null, step));
		}
		this.store.write(runs);

		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.onset()).isBetween(deploy, deploy.plusSeconds(30));
		assertThat(this.triage.changesBefore(summary.onset())).as("1.4.1 began the record, 1.4.3 came after")
			.extracting(VersionSeen::version)
			.containsExactly("1.4.2");
		assertThat(this.triage.byVersion("lookupOrder", Duration.ofMinutes(30)))
			.extracting(VersionCalls::version, VersionCalls::calls, VersionCalls::errors)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("1.4.1", 108L, 0L),
					org.assertj.core.groups.Tuple.tuple("1.4.2", 48L, 32L),
					org.assertj.core.groups.Tuple.tuple("1.4.3", 24L, 0L));
	}

	@Test
	void aFailureWithNoDeployBeforeItHasNothingChanged() {
		// the record begins ten minutes ago with 1.4.1, which serves throughout: a backend broke, not a deploy
		Instant incident = NOW.minus(Duration.ofMinutes(7));
		List<StoredRun> runs = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			Instant at = NOW.minus(Duration.ofMinutes(10)).plusSeconds(i * 10L);
			StoredStep step = !at.isBefore(incident) && i % 3 != 0
					? RunStoreContract.failed(0, 0, "lookupOrder", "html_response")
					: RunStoreContract.ok(0, 0, "lookupOrder");
			runs.add(RunStoreContract.versioned("r" + i, "1.4.1", "host-1", "c-" + i, "u-" + (i % 20),
					"SupportAgent", at, null, step));
		}
		this.store.write(runs);

		ToolSummary summary = this.triage.summary("lookupOrder", Duration.ofMinutes(15));

		assertThat(summary.onset()).isNotNull();
		assertThat(this.triage.changesBefore(summary.onset())).as("where the record begins is not a change").isEmpty();
	}

}
