package io.github.vigil.grounding;

/**
 * Receives every flagged answer, for example to open a ticket. A sink that throws is counted and logged and never
 * affects the caller.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReviewSink {

	/**
	 * Accepts a review.
	 * @param review the flagged answer
	 */
	void accept(Review review);

}
