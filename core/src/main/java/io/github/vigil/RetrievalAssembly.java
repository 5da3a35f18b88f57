package io.github.vigil;

import java.time.Clock;
import java.util.List;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertCondition;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.retrieval.RetrievalMeters;
import io.github.vigil.retrieval.RetrievalPolicy;
import io.github.vigil.retrieval.RetrievalWindows;
import io.github.vigil.retrieval.Retrievals;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.Steps;
import io.github.vigil.store.LiveSteps;
import io.github.vigil.store.ReplayedOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The retrieval module ({@code vigil-retrieval}) in a {@link Vigil}: the only class of the assembly that names its
 * types, loaded only when the module is on the class path, so that an application can leave the module out and lose
 * retrieval, embedding and vector-search steps and nothing else.
 */
final class RetrievalAssembly {

	private final RetrievalPolicy policy;

	private @Nullable Retrievals retrievals;

	private RetrievalAssembly(RetrievalPolicy policy) {
		this.policy = policy;
	}

	/**
	 * Returns the module's part of a Vigil, once {@link Modules} has found the module on the class path.
	 * @param policy the application's {@code RetrievalPolicy}, {@code null} for the defaults
	 */
	static RetrievalAssembly assemble(@Nullable Object policy) {
		return new RetrievalAssembly((policy != null) ? (RetrievalPolicy) policy : RetrievalPolicy.DEFAULTS);
	}

	/**
	 * Returns the module's middleware: its meters, and with alerts on the windows of the empty-retrieval alert.
	 * @param alerts where its alert rule goes, {@code null} when alerts are off
	 */
	List<RunMiddleware> middleware(MeterRegistry registry, Clock clock, @Nullable AlertsAssembly alerts) {
		RetrievalMeters meters = new RetrievalMeters(registry);
		if (alerts == null) {
			return List.of(meters);
		}
		RetrievalWindows windows = new RetrievalWindows(clock, this.policy.emptyRateWindow());
		RetrievalPolicy policy = this.policy;
		alerts.evaluator().rule((now) -> windows.rates(now)
			.stream()
			.filter((rate) -> rate.retrievals() >= policy.emptyRateMinRetrievals()
					&& rate.rate() >= policy.emptyRateThreshold())
			.map((rate) -> new AlertCondition(RetrievalWindows.RETRIEVAL_EMPTY_RATE, rate.retriever(), Alert.WARNING,
					rate.facts(policy.emptyRateWindow()),
					rate.summary(AlertEvaluator.describe(policy.emptyRateWindow()))))
			.toList());
		return List.of(meters, windows);
	}

	/** Starts the decorators, once the pipeline's steps exist. */
	void attach(Steps steps, InternalFailures failures) {
		this.retrievals = new Retrievals(steps, this.policy, failures);
	}

	/** The retrievals a stored retrieval step replays against: the live retriever of that name. */
	LiveSteps liveSteps() {
		return (kind, name, input) -> {
			Retrievals live = this.retrievals;
			Retrievals.Replayed replayed = (live != null && Retrievals.RETRIEVAL.name().equals(kind))
					? live.replay(name, input) : null;
			return (replayed != null) ? new ReplayedOutcome(replayed.outcome(), replayed.errorType(),
					replayed.summary()) : null;
		};
	}

	private Retrievals retrievals() {
		Retrievals live = this.retrievals;
		if (live == null) {
			throw new IllegalStateException("the retrieval module is not attached yet");
		}
		return live;
	}

	ContentRetriever observe(ContentRetriever retriever) {
		return retrievals().observe(retriever);
	}

	ContentRetriever observe(ContentRetriever retriever, String name) {
		return retrievals().observe(retriever, name);
	}

	<T> EmbeddingStore<T> observe(EmbeddingStore<T> store) {
		return retrievals().observe(store);
	}

	<T> EmbeddingStore<T> observe(EmbeddingStore<T> store, String name) {
		return retrievals().observe(store, name);
	}

	EmbeddingModel observe(EmbeddingModel model) {
		return retrievals().observe(model);
	}

}
