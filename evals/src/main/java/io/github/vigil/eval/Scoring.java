package io.github.vigil.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/** Runs scorers on a run, online and offline alike: a scorer that throws is reported and left out. */
final class Scoring {

	private Scoring() {
	}

	static Map<String, Score> all(List<Scorer> scorers, ScoredRun run, BiConsumer<String, Throwable> failed) {
		Map<String, Score> scores = new LinkedHashMap<>();
		for (Scorer scorer : scorers) {
			Score score = one(scorer, run, failed);
			if (score != null) {
				scores.put(scorer.name(), score);
			}
		}
		return scores;
	}

	static @Nullable Score one(Scorer scorer, ScoredRun run, BiConsumer<String, Throwable> failed) {
		try {
			return scorer.score(run);
		}
		catch (Exception | LinkageError ex) {
			failed.accept(scorer.name(), ex);
			return null;
		}
	}

}
