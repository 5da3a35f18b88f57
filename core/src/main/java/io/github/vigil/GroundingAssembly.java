package io.github.vigil;

import java.util.ArrayList;
import java.util.List;

import io.github.vigil.grounding.HallucinationCheck;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.grounding.KnowledgeBase;
import io.github.vigil.grounding.ReviewSink;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The grounding module ({@code vigil-grounding}) in a {@link Vigil}: the only class of the assembly that names its
 * types, loaded only when the module is on the class path, so that an application can leave the module out and lose
 * the hallucination check and its review queue (and the modules that build on grounding: the store, evals and
 * retrieval) and nothing else.
 */
final class GroundingAssembly {

	private GroundingAssembly() {
	}

	/**
	 * Returns the hallucination check, once {@link Modules} has found the module on the class path.
	 * @param policy a {@code HallucinationPolicy}, {@code null} for its defaults
	 * @param knowledgeBases the {@code KnowledgeBase}s
	 * @param reviewSinks the {@code ReviewSink}s
	 * @return the check
	 */
	static RunMiddleware check(@Nullable Object policy, List<Object> knowledgeBases, List<Object> reviewSinks,
			MeterRegistry registry, ContentRedactor redactor) {
		List<KnowledgeBase> bases = new ArrayList<>();
		knowledgeBases.forEach((base) -> bases.add((KnowledgeBase) base));
		List<ReviewSink> sinks = new ArrayList<>();
		reviewSinks.forEach((sink) -> sinks.add((ReviewSink) sink));
		return new HallucinationCheck((policy != null) ? (HallucinationPolicy) policy : HallucinationPolicy.defaults(),
				bases, registry, redactor, sinks);
	}

}
