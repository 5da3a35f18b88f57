package io.github.vigil.internal;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The ids of the runs that ended last, so that a late second report of a run's end (a stream that reports its
 * error twice, an error after the run completed) is known for what it is and ignored, never taken for a new run. A
 * ring of fixed size: adding is one write, and only a late report looks.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class EndedRuns {

	private final AtomicReferenceArray<UUID> ids;

	private final int mask;

	private final AtomicInteger next = new AtomicInteger();

	/**
	 * Creates the ring.
	 * @param size how many ids it remembers, a power of two
	 */
	EndedRuns(int size) {
		if (Integer.bitCount(size) != 1) {
			throw new IllegalArgumentException("size must be a power of two, was " + size);
		}
		this.ids = new AtomicReferenceArray<>(size);
		this.mask = size - 1;
	}

	void add(UUID id) {
		this.ids.lazySet(this.next.getAndIncrement() & this.mask, id);
	}

	boolean contains(UUID id) {
		for (int i = 0; i < this.ids.length(); i++) {
			if (id.equals(this.ids.get(i))) {
				return true;
			}
		}
		return false;
	}

}
