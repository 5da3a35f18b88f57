package io.github.vigil.metrics;

/**
 * Events and the hits among them (failures, blocks, empty results) in a ring of time slots: what an in-process alert
 * compares over a recent window and, for a step-up, over the window before it. Bounded: one pair of counts per slot.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class SlidingCounts {

	private final long slotMillis;

	private final long[] slots;

	private final long[] events;

	private final long[] hits;

	/**
	 * Creates the counts.
	 * @param slots how many slots the ring keeps: how far back it can look, in slots
	 * @param slotMillis how long a slot is, in milliseconds
	 */
	public SlidingCounts(int slots, long slotMillis) {
		if (slots < 1 || slotMillis < 1) {
			throw new IllegalArgumentException("slots and slotMillis must be positive, were " + slots + " and "
					+ slotMillis);
		}
		this.slotMillis = slotMillis;
		this.slots = new long[slots];
		this.events = new long[slots];
		this.hits = new long[slots];
		java.util.Arrays.fill(this.slots, Long.MIN_VALUE);
	}

	/**
	 * Counts an event.
	 * @param millis when, in epoch milliseconds
	 * @param hit whether it is a hit
	 */
	public synchronized void add(long millis, boolean hit) {
		long slot = Math.floorDiv(millis, this.slotMillis);
		int index = (int) Math.floorMod(slot, (long) this.slots.length);
		if (this.slots[index] != slot) {
			this.slots[index] = slot;
			this.events[index] = 0;
			this.hits[index] = 0;
		}
		this.events[index]++;
		if (hit) {
			this.hits[index]++;
		}
	}

	/**
	 * Returns the events and hits of the slots from one to another, both included, as far back as the ring keeps.
	 * @param fromSlotsAgo the first slot, in slots before the one of {@code nowMillis}
	 * @param toSlotsAgo the last slot, in slots before the one of {@code nowMillis} ({@code 0}: that one)
	 * @param nowMillis the time, in epoch milliseconds
	 * @return the events and the hits
	 */
	public synchronized long[] sum(int fromSlotsAgo, int toSlotsAgo, long nowMillis) {
		long now = Math.floorDiv(nowMillis, this.slotMillis);
		long from = now - fromSlotsAgo;
		long to = now - toSlotsAgo;
		long[] sum = new long[2];
		for (int index = 0; index < this.slots.length; index++) {
			if (this.slots[index] >= from && this.slots[index] <= to) {
				sum[0] += this.events[index];
				sum[1] += this.hits[index];
			}
		}
		return sum;
	}

}
