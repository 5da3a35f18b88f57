package io.github.vigil.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.grounding.HallucinationCheck;
import io.github.vigil.grounding.Review;

/**
 * The review queue the {@code vigil} endpoint shows: the only class of its that names the grounding module's types,
 * used only when {@code vigil-grounding} is on the class path.
 */
final class ReviewSection {

	static final String MODULE_CLASS = "io.github.vigil.grounding.HallucinationCheck";

	private ReviewSection() {
	}

	/** The flagged answers, newest first. */
	static Map<String, Object> reviews(Vigil vigil) {
		List<Review> reviews = HallucinationCheck.of(vigil).reviews().newestFirst();
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("count", reviews.size());
		body.put("reviews", reviews);
		return body;
	}

}
