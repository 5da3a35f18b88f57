package io.github.vigil.autoconfigure.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.vigil.Vigil;
import io.github.vigil.grounding.Review;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * The {@code vigil} Actuator endpoint: {@code /actuator/vigil/alerts} shows the active and recently resolved alerts,
 * {@code /actuator/vigil/reviews} the flagged answers waiting for a human, newest first. Reviews hold user content:
 * expose the endpoint only behind authentication.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@Endpoint(id = "vigil")
public class VigilEndpoint {

	private final Vigil vigil;

	public VigilEndpoint(Vigil vigil) {
		this.vigil = vigil;
	}

	/**
	 * Lists what the endpoint offers.
	 * @return the sections and the runs in flight
	 */
	@ReadOperation
	public Map<String, Object> overview() {
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("sections", List.of("alerts", "reviews"));
		overview.put("activeRuns", this.vigil.activeRuns());
		return overview;
	}

	/**
	 * Reads one section.
	 * @param section {@code alerts} or {@code reviews}
	 * @return the section, or {@code null} (404) for an unknown one
	 */
	@ReadOperation
	public @Nullable Map<String, Object> section(@Selector String section) {
		if ("alerts".equals(section)) {
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("active", this.vigil.alerts().active());
			body.put("resolved", this.vigil.alerts().recentlyResolved());
			return body;
		}
		if ("reviews".equals(section)) {
			List<Review> reviews = this.vigil.hallucinations().reviews().newestFirst();
			Map<String, Object> body = new LinkedHashMap<>();
			body.put("count", reviews.size());
			body.put("reviews", reviews);
			return body;
		}
		return null;
	}

}
