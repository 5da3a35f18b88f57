package io.github.vigil;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.langchain4j.service.tool.ToolExecutor;
import io.github.vigil.internal.Pipeline;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.store.LiveTools;
import io.github.vigil.store.MemoryRunStore;
import io.github.vigil.store.ReplayPolicy;
import io.github.vigil.store.ReplayedRuns;
import io.github.vigil.store.RunRecorder;
import io.github.vigil.store.RunStore;
import io.github.vigil.store.StorePolicy;
import io.github.vigil.store.Triage;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The store module ({@code vigil-store}) in a {@link Vigil}: the only class of the assembly that names its types,
 * loaded only when the module is on the class path, so that an application can leave the module out and lose the
 * run store, triage and replay (and evals, which build on them) and nothing else.
 */
final class StoreAssembly {

	/** How long triage waits at most for the runs that ended before a question to reach the store. */
	private static final Duration CATCH_UP = Duration.ofSeconds(1);

	private final StorePolicy policy;

	private final @Nullable RunStore store;

	private final ReplayedRuns replayed = new ReplayedRuns();

	private @Nullable RunRecorder recorder;

	private @Nullable Triage triage;

	private StoreAssembly(StorePolicy policy, @Nullable RunStore store) {
		this.policy = policy;
		this.store = store;
	}

	/**
	 * Returns the module's part of a Vigil, once {@link Modules} has found the module on the class path.
	 * @param policy a {@code StorePolicy}, {@code null} for its defaults
	 * @param runStore the application's {@code RunStore}, {@code null} for one in memory
	 */
	static StoreAssembly assemble(@Nullable Object policy, @Nullable Object runStore) {
		StorePolicy keeping = (policy != null) ? (StorePolicy) policy : StorePolicy.defaults();
		RunStore store = null;
		if (keeping.enabled()) {
			store = (runStore != null) ? (RunStore) runStore : new MemoryRunStore(keeping.maxRuns());
		}
		return new StoreAssembly(keeping, store);
	}

	/** Where replays and offline evals recognize their runs; every hook returns at once while there are none. */
	RunMiddleware replayedRuns() {
		return this.replayed;
	}

	/** The store runs are kept in, {@code null} when the store is off. */
	@Nullable RunStore store() {
		return this.store;
	}

	/**
	 * Starts recording runs, when the store is on, with triage over them.
	 * @param instance this instance's name, {@code null} for the host name and process id
	 * @param replay a {@code ReplayPolicy}, {@code null} for replay off
	 * @param pipeline the pipeline, once built: replay calls the tools it saw offered
	 * @return the recorder, {@code null} when the store is off
	 */
	@Nullable RunMiddleware recorder(@Nullable String instance, Function<Run, @Nullable String> traceIds,
			@Nullable Object replay, Function<Class<?>, @Nullable Object> replayServices, Supplier<Pipeline> pipeline,
			ContentRedactor redactor, MeterRegistry registry, Clock clock) {
		if (this.store == null) {
			return null;
		}
		// the host name is looked up only for a Vigil that stores runs and was not given an instance name
		String named = (instance != null) ? instance : Vigil.defaultInstanceName();
		RunRecorder recording = new RunRecorder(this.store, this.policy, redactor, named, traceIds, registry, clock);
		this.recorder = recording;
		LiveTools tools = new LiveTools() {

			@Override
			public @Nullable ToolExecutor executor(String tool) {
				return pipeline.get().offeredTool(tool);
			}

			@Override
			public @Nullable String classify(String tool, String resultText) {
				return pipeline.get().classifyResult(tool, resultText);
			}

		};
		// the writer looks every 200 ms: an answer first waits, briefly, for the runs that ended before it
		this.triage = new Triage(this.store, clock, (replay != null) ? (ReplayPolicy) replay : ReplayPolicy.off(),
				tools, replayServices, () -> recording.flush(CATCH_UP))
			.toolServers(recording.servers());
		return recording;
	}

	/** Lets triage replay the retrieval steps it keeps against the live retrievers. */
	void replayRetrievals(RetrievalAssembly retrievals) {
		if (this.triage != null) {
			this.triage.liveSteps(retrievals.liveSteps());
		}
	}

	boolean recording() {
		return this.recorder != null;
	}

	boolean flush(Duration timeout) {
		return this.recorder == null || this.recorder.flush(timeout);
	}

	List<Object> capabilities() {
		return (this.triage != null) ? List.of(this.triage) : List.of();
	}

	void close() {
		if (this.recorder != null) {
			this.recorder.close();
		}
	}

}
