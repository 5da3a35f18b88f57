package io.github.vigil;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.vigil.alert.Alert;
import io.github.vigil.alert.AlertCondition;
import io.github.vigil.eval.EvalPolicy;
import io.github.vigil.eval.Evals;
import io.github.vigil.eval.OnlineScoring;
import io.github.vigil.eval.Scorer;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.store.RunStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The evals module ({@code vigil-evals}) in a {@link Vigil}: the only class of the assembly that names its types,
 * loaded only when the module is on the class path, so that an application can leave the module out and lose online
 * scoring, feedback, the resolution trend and datasets and nothing else.
 */
final class EvalsAssembly {

	private final EvalPolicy policy;

	private final @Nullable OnlineScoring scoring;

	private @Nullable Evals evals;

	private EvalsAssembly(EvalPolicy policy, @Nullable OnlineScoring scoring) {
		this.policy = policy;
		this.scoring = scoring;
	}

	/** The scorers every finished run goes through unless the application names its own. */
	static List<Object> defaultScorers() {
		return new ArrayList<>(List.of(Scorer.resolution(), Scorer.toolSuccess(), Scorer.grounded(),
				Scorer.notKilled(), Scorer.groundedInRetrieval(), Scorer.parsed()));
	}

	/**
	 * Returns the module's part of a Vigil, once {@link Modules} has found the module on the class path.
	 * @param policy an {@code EvalPolicy}, {@code null} for its defaults
	 * @param scorers the {@code Scorer}s, {@code null} for the defaults
	 * @param store the store's part: evals build on it
	 */
	static EvalsAssembly assemble(@Nullable Object policy, @Nullable List<Object> scorers,
			StoreAssembly store, MeterRegistry registry, ObservationRegistry observations,
			ContentRedactor redactor, Clock clock) {
		EvalPolicy scoring = (policy != null) ? (EvalPolicy) policy : EvalPolicy.defaults();
		List<Scorer> scoringWith = new ArrayList<>();
		for (Object scorer : (scorers != null) ? scorers : defaultScorers()) {
			scoringWith.add((Scorer) scorer);
		}
		if (!scoring.enabled() || scoringWith.isEmpty()) {
			return new EvalsAssembly(scoring, null);
		}
		return new EvalsAssembly(scoring, new OnlineScoring(scoringWith, scoring, store.store(), registry,
				observations, redactor, clock));
	}

	/** Online scoring, {@code null} when it is off. */
	@Nullable RunMiddleware scoring() {
		return this.scoring;
	}

	/**
	 * Raises the resolution-drop alert when an agent's resolution rate falls.
	 * @param alerts the alerts' part, with alerts on
	 */
	void alertOnResolutionDrops(AlertsAssembly alerts) {
		OnlineScoring online = this.scoring;
		if (online == null) {
			return;
		}
		double points = this.policy.resolutionDropPoints();
		int minScored = this.policy.resolutionMinScored();
		alerts.evaluator()
			.rule((now) -> online.resolutionDrops()
				.stream()
				.map((drop) -> new AlertCondition(OnlineScoring.RESOLUTION_DROP, drop.agent(), Alert.WARNING,
						drop.facts(points, minScored), drop.summary()))
				.toList());
	}

	/** Starts evals over the stored runs, once the store records them. */
	void overStoredRuns(StoreAssembly store, Clock clock) {
		RunStore runs = store.store();
		if (runs != null) {
			this.evals = new Evals(runs, this.scoring, clock, store::flush);
		}
	}

	boolean flush(Duration timeout) {
		return this.scoring == null || this.scoring.flush(timeout);
	}

	List<Object> capabilities() {
		List<Object> offered = new ArrayList<>(2);
		if (this.scoring != null) {
			offered.add(this.scoring);
		}
		if (this.evals != null) {
			offered.add(this.evals);
		}
		return offered;
	}

	void close() {
		if (this.scoring != null) {
			this.scoring.close();
		}
	}

}
