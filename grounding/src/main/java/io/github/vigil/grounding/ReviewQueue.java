package io.github.vigil.grounding;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The most recent flagged answers, newest first, bounded.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ReviewQueue implements ReviewSink {

	private final int capacity;

	private final Deque<Review> reviews = new ArrayDeque<>();

	/**
	 * Creates the queue.
	 * @param capacity how many reviews are kept
	 */
	public ReviewQueue(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public synchronized void accept(Review review) {
		if (this.capacity == 0) {
			return;
		}
		this.reviews.addFirst(review);
		while (this.reviews.size() > this.capacity) {
			this.reviews.removeLast();
		}
	}

	/**
	 * Returns the reviews, newest first.
	 * @return a copy of the queue
	 */
	public synchronized List<Review> newestFirst() {
		return new ArrayList<>(this.reviews);
	}

}
