package io.github.vigil.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.ScriptedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every finished run reaches the store with its steps in order, without the user's thread ever waiting for it.
 */
class RunRecorderTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final List<Vigil> vigils = new ArrayList<>();

	@AfterEach
	void close() {
		this.vigils.forEach(Vigil::close);
	}

	private Assistant assistant(Vigil vigil) {
		this.vigils.add(vigil);
		return AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new SupportTools())
			.build();
	}

	@Test
	void aRunIsStoredWithItsModelAndToolCallsInOrder() {
		Vigil vigil = Vigil.builder(this.registry).instance("app-1").build();
		Assistant assistant = assistant(vigil);

		assistant.chat("legacyLookup ORD-7 for jane.doe@example.com");
		assertThat(vigil.flushRuns(Duration.ofSeconds(5))).isTrue();

		StoredRun run = Triage.of(vigil).runs(null, 10).get(0);
		StoredRun whole = Triage.of(vigil).run(run.runId());
		assertThat(whole.instance()).isEqualTo("app-1");
		assertThat(whole.agent()).isEqualTo("Assistant");
		assertThat(whole.service()).isEqualTo(Assistant.class.getName());
		assertThat(whole.method()).isEqualTo("chat");
		assertThat(whole.outcome()).isEqualTo("completed");
		assertThat(whole.input()).isEqualTo("legacyLookup ORD-7 for [email]");
		assertThat(whole.inputTokens()).isEqualTo(2L * ScriptedChatModel.INPUT_TOKENS);
		assertThat(whole.steps()).extracting(StoredStep::kind)
			.containsExactly(StoredStep.MODEL, StoredStep.TOOL, StoredStep.MODEL);
		StoredStep first = whole.steps().get(0);
		assertThat(first.responseModel()).isEqualTo("scripted-model-2026-01-01");
		assertThat(first.finishReason()).isEqualTo("tool_execution");
		assertThat(first.inputTokens()).isEqualTo(ScriptedChatModel.INPUT_TOKENS);
		StoredStep tool = whole.steps().get(1);
		assertThat(tool.name()).isEqualTo("legacyLookup");
		assertThat(tool.outcome()).isEqualTo(StoredStep.ERROR);
		assertThat(tool.errorType()).isEqualTo("html_response");
		assertThat(tool.arguments()).contains("ORD-7");
		assertThat(tool.resultExcerpt()).contains("410 Gone");
		assertThat(tool.startOffsetMicros()).isGreaterThanOrEqualTo(first.startOffsetMicros() + first.durationMicros());
		assertThat(whole.steps().get(2).startOffsetMicros())
			.isGreaterThanOrEqualTo(tool.startOffsetMicros() + tool.durationMicros());
	}

	@Test
	void aRunThatThrowsIsStoredWithItsError() {
		Vigil vigil = Vigil.builder(this.registry).build();
		this.vigils.add(vigil);
		ScriptedChatModel model = ScriptedChatModel.firstWordIsTool();
		model.failWith(new IllegalStateException("provider down"));
		Assistant assistant = AiServices.builder(Assistant.class).chatModel(vigil.observe(model)).build();

		try {
			assistant.chat("none");
		}
		catch (IllegalStateException expected) {
			// the caller gets the model's exception, as without Vigil
		}
		vigil.flushRuns(Duration.ofSeconds(5));

		StoredRun run = Triage.of(vigil).run(Triage.of(vigil).runs(null, 1).get(0).runId());
		assertThat(run.outcome()).isEqualTo("error");
		assertThat(run.errorType()).isEqualTo("IllegalStateException");
		assertThat(run.steps()).singleElement().satisfies((step) -> {
			assertThat(step.kind()).isEqualTo(StoredStep.MODEL);
			assertThat(step.errorType()).isEqualTo("IllegalStateException");
			assertThat(step.errorMessage()).isEqualTo("provider down");
		});
	}

	@Test
	void samplingKeepsEveryRunWithAFailureAndSamplesTheRest() {
		StorePolicy none = new StorePolicy(true, StorePolicy.DEFAULT_RETENTION, 1000, 0.0, 100, false);
		Vigil vigil = Vigil.builder(this.registry).storePolicy(none).build();
		Assistant assistant = assistant(vigil);

		for (int i = 0; i < 5; i++) {
			assistant.chat("lookupOrder ORD-" + i);
		}
		assistant.chat("legacyLookup ORD-9");
		vigil.flushRuns(Duration.ofSeconds(5));

		assertThat(Triage.of(vigil).runs(null, 100)).singleElement()
			.satisfies((run) -> assertThat(run.input()).contains("legacyLookup"));
	}

	@Test
	void wholeContentIsKeptOnlyWhenTheApplicationOptsIn() {
		StorePolicy whole = new StorePolicy(true, StorePolicy.DEFAULT_RETENTION, 1000, 1.0, 100, true);
		Vigil vigil = Vigil.builder(this.registry).storePolicy(whole).build();
		Assistant assistant = assistant(vigil);

		assistant.chat("lookupOrder ORD-1 jane.doe@example.com " + "x".repeat(600));
		vigil.flushRuns(Duration.ofSeconds(5));

		assertThat(Triage.of(vigil).runs(null, 1).get(0).input()).contains("jane.doe@example.com").hasSizeGreaterThan(600);
	}

	@Test
	void aFullQueueDropsRunsAndCountsThemWithoutBlockingTheCaller() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		BlockingStore store = new BlockingStore(release);
		StorePolicy tiny = new StorePolicy(true, StorePolicy.DEFAULT_RETENTION, 1000, 1.0, 2, false);
		Vigil vigil = Vigil.builder(this.registry).storePolicy(tiny).runStore(store).build();
		Assistant assistant = assistant(vigil);

		for (int i = 0; i < 10; i++) {
			assistant.chat("lookupOrder ORD-" + i);
		}

		// all ten calls returned while the store was stuck in its first write: the callers never waited for it
		assertThat(store.writes.get()).isLessThanOrEqualTo(1);
		double dropped = this.registry.get("vigil.store.dropped").tag("reason", "queue_full").counter().count();
		// the stuck batch holds at most the first run and the two queued then, the queue two more
		assertThat(dropped).isGreaterThanOrEqualTo(5);
		release.countDown();
		assertThat(vigil.flushRuns(Duration.ofSeconds(5))).isTrue();
		assertThat(store.stored.count() + dropped).isEqualTo(10);
	}

	@Test
	void aStoreOutageIsRetriedWithBackoffAndLosesNothingTheQueueHolds() {
		FlakyStore store = new FlakyStore(3);
		Vigil vigil = Vigil.builder(this.registry).runStore(store).build();
		Assistant assistant = assistant(vigil);

		for (int i = 0; i < 5; i++) {
			assistant.chat("lookupOrder ORD-" + i);
		}

		assertThat(vigil.flushRuns(Duration.ofSeconds(10))).isTrue();
		assertThat(store.count()).isEqualTo(5);
		assertThat(this.registry.get("vigil.store.write.failures").counter().count()).isEqualTo(3);
		assertThat(this.registry.find("vigil.store.dropped").counters()).allSatisfy((c) -> assertThat(c.count()).isZero());
	}

	@Test
	void closingWritesWhatIsQueued() {
		MemoryRunStore store = new MemoryRunStore(100);
		SlowStore slow = new SlowStore(store);
		Vigil vigil = Vigil.builder(this.registry).runStore(slow).build();
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.build();

		for (int i = 0; i < 20; i++) {
			assistant.chat("none " + i);
		}
		vigil.close();

		assertThat(store.count()).isEqualTo(20);
	}

	@Test
	void theStoreCanBeTurnedOff() {
		Vigil vigil = Vigil.builder(this.registry).storePolicy(StorePolicy.defaults().disabled()).build();
		assistant(vigil).chat("lookupOrder ORD-1");

		assertThat(vigil.storesRuns()).isFalse();
		assertThat(vigil.middleware(RunRecorder.class)).isEmpty();
	}

	/** A store whose first write waits until released. */
	static final class BlockingStore extends Delegating {

		final CountDownLatch release;

		final AtomicInteger writes = new AtomicInteger();

		final MemoryRunStore stored = new MemoryRunStore(1000);

		BlockingStore(CountDownLatch release) {
			this.release = release;
		}

		@Override
		public void write(List<StoredRun> runs) {
			this.writes.incrementAndGet();
			try {
				this.release.await(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.stored.write(runs);
		}

	}

	/** A store that fails its first writes, as a database that is down for a while. */
	static final class FlakyStore extends Delegating {

		private final AtomicInteger failuresLeft;

		FlakyStore(int failures) {
			this.failuresLeft = new AtomicInteger(failures);
		}

		@Override
		public void write(List<StoredRun> runs) {
			if (this.failuresLeft.getAndDecrement() > 0) {
				throw new IllegalStateException("connection refused");
			}
			super.write(runs);
		}

	}

	/** A store that takes a while per batch. */
	static final class SlowStore extends Delegating {

		SlowStore(MemoryRunStore target) {
			super(target);
		}

		@Override
		public void write(List<StoredRun> runs) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			super.write(runs);
		}

	}

	/** A memory store to build test stores on. */
	static class Delegating implements RunStore {

		final MemoryRunStore target;

		Delegating() {
			this(new MemoryRunStore(1000));
		}

		Delegating(MemoryRunStore target) {
			this.target = target;
		}

		@Override
		public void write(List<StoredRun> runs) {
			this.target.write(runs);
		}

		@Override
		public java.util.Optional<StoredRun> run(String runId) {
			return this.target.run(runId);
		}

		@Override
		public List<StoredRun> runsOfUser(String userId, int limit) {
			return this.target.runsOfUser(userId, limit);
		}

		@Override
		public List<StoredRun> recentRuns(int limit) {
			return this.target.recentRuns(limit);
		}

		@Override
		public List<ToolFailure> failures(FailureQuery query) {
			return this.target.failures(query);
		}

		@Override
		public List<ToolCallCounts> toolCalls(String tool, java.time.Instant from, java.time.Instant until,
				Duration slice) {
			return this.target.toolCalls(tool, from, until, slice);
		}

		@Override
		public List<ErrorTypeCount> errorTypes(String tool, java.time.Instant from, java.time.Instant until) {
			return this.target.errorTypes(tool, from, until);
		}

		@Override
		public AffectedUsers affectedUsers(String tool, java.time.Instant from, java.time.Instant until) {
			return this.target.affectedUsers(tool, from, until);
		}

		@Override
		public long expire(java.time.Instant startedBefore, long maxRuns) {
			return this.target.expire(startedBefore, maxRuns);
		}

		@Override
		public long count() {
			return this.target.count();
		}

	}

}
