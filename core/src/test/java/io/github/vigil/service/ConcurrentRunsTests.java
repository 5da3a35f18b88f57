package io.github.vigil.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.ScriptedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many runs at once, with failing tools mixed in: every counter exact, one log line per run, nothing left behind.
 */
class ConcurrentRunsTests {

	private static final int THREADS = 32;

	private static final int RUNS_PER_THREAD = 500;

	private final Logger runLog = (Logger) LoggerFactory.getLogger("vigil.runs");

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void captureRunLog() {
		this.lines.start();
		this.runLog.addAppender(this.lines);
		this.runLog.setLevel(Level.INFO);
		this.runLog.setAdditive(false);
	}

	@AfterEach
	void releaseRunLog() {
		this.runLog.detachAppender(this.lines);
		this.runLog.setLevel(Level.WARN);
		this.runLog.setAdditive(true);
	}

	@Test
	void thirtyTwoThreadsOfFiveHundredRunsEachAreCountedExactly() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		Vigil vigil = Vigil.builder(registry).build();
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new SupportTools())
			.build();
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < THREADS; t++) {
			int thread = t;
			futures.add(pool.submit(() -> {
				for (int i = 0; i < RUNS_PER_THREAD; i++) {
					String tool = (i % 5 == 0) ? "legacyLookup" : (i % 7 == 0) ? "failingLookup" : "lookupOrder";
					assistant.chat(tool + " ORD-" + thread + "-" + i);
				}
			}));
		}
		for (Future<?> future : futures) {
			future.get(2, TimeUnit.MINUTES);
		}
		pool.shutdown();

		int runs = THREADS * RUNS_PER_THREAD;
		int html = THREADS * countWhere(RUNS_PER_THREAD, (i) -> i % 5 == 0);
		int thrown = THREADS * countWhere(RUNS_PER_THREAD, (i) -> i % 5 != 0 && i % 7 == 0);
		assertThat(registry.get("gen_ai.invoke_agent.duration").timer().count()).isEqualTo(runs);
		assertThat(registry.get("gen_ai.client.operation.duration").timer().count()).isEqualTo(2L * runs);
		assertThat(registry.get("gen_ai.execute_tool.duration").tag("error.type", "html_response").timer().count())
			.isEqualTo(html);
		assertThat(registry.get("gen_ai.execute_tool.duration").tag("error.type", "IllegalStateException").timer()
			.count()).isEqualTo(thrown);
		assertThat(registry.get("gen_ai.execute_tool.duration").tag("outcome", "success").timer().count())
			.isEqualTo(runs - html - thrown);
		assertThat(registry.get("vigil.run.tokens").summary().totalAmount())
			.isEqualTo(runs * 2.0 * (ScriptedChatModel.INPUT_TOKENS + ScriptedChatModel.OUTPUT_TOKENS));
		assertThat(this.lines.list).hasSize(runs);
		Set<String> runIds = ConcurrentHashMap.newKeySet();
		this.lines.list.forEach((line) -> runIds.add(line.getFormattedMessage().substring(11, 47)));
		assertThat(runIds).hasSize(runs);
		assertThat(vigil.activeRuns()).isZero();
	}

	private static int countWhere(int n, java.util.function.IntPredicate predicate) {
		int count = 0;
		for (int i = 0; i < n; i++) {
			if (predicate.test(i)) {
				count++;
			}
		}
		return count;
	}

}
