package io.github.vigil.run;

import java.util.Collection;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Finished work handed from the user's thread to background threads (the run store's writer, the scoring threads)
 * without waking them once per item under load: the user's thread adds to a bounded queue and wakes a background
 * thread only when one is parked, and then only when a batch is ready or the last wake is more than 20 ms ago (so a
 * trickle of runs is handled at once). A background thread takes until nothing waits, then parks until woken or for
 * its interval. Under load the threads are woken once per batch, never once per item, and while they work the user's
 * thread makes no system call. A full queue refuses, never waits.
 *
 * @param <T> what is handed over
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Handoff<T> {

	/** Items that come further apart than this wake the background threads each: a trickle is handled at once. */
	private static final long WAKE_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	private final Queue<T> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	private final int batch;

	private final long intervalNanos;

	private final Collection<Thread> consumers = new CopyOnWriteArrayList<>();

	/** When an item last woke the background threads: under a trickle each item does, under load a batch does. */
	private volatile long lastWake;

	/** Background threads parked or about to park: only then does an item wake them. */
	private final AtomicInteger parked = new AtomicInteger();

	/**
	 * Creates the handoff.
	 * @param capacity how many items it holds at most
	 * @param batch how many items wake the background threads
	 * @param intervalMillis how often they look when fewer are waiting
	 */
	public Handoff(int capacity, int batch, long intervalMillis) {
		if (capacity < 1 || batch < 1 || intervalMillis < 1) {
			throw new IllegalArgumentException("capacity, batch and interval must be positive");
		}
		this.capacity = capacity;
		this.batch = Math.min(batch, capacity);
		this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
		// the first item wakes at once, whatever the origin of System.nanoTime()
		this.lastWake = System.nanoTime() - WAKE_GAP_NANOS - 1;
	}

	/**
	 * Hands an item over; never blocks.
	 * @param item the item
	 * @return whether it was taken, {@code false} when the queue is full
	 */
	public boolean offer(T item) {
		int now = this.size.incrementAndGet();
		if (now > this.capacity) {
			this.size.decrementAndGet();
			return false;
		}
		this.queue.offer(item);
		if (this.parked.get() == 0) {
			// every background thread is at work and looks again before it parks
			return true;
		}
		if (now >= this.batch) {
			if (now == this.batch) {
				wake();
			}
			return true;
		}
		long time = System.nanoTime();
		if (time - this.lastWake > WAKE_GAP_NANOS) {
			this.lastWake = time;
			wake();
		}
		return true;
	}

	/** Wakes the background threads now: to flush, or to close. */
	public void wake() {
		for (Thread consumer : this.consumers) {
			LockSupport.unpark(consumer);
		}
	}

	/**
	 * Takes up to so many items: at once when some wait, otherwise after parking until a batch is ready, or an item
	 * comes alone, or it is woken, or one interval has passed. For the background threads, which take until nothing
	 * waits and only then park.
	 * @param into where the items go
	 * @param max how many at most
	 * @return how many were taken, possibly none
	 */
	public int take(Collection<? super T> into, int max) {
		int taken = drain(into, max);
		if (taken > 0) {
			return taken;
		}
		Thread current = Thread.currentThread();
		if (!this.consumers.contains(current)) {
			this.consumers.add(current);
		}
		this.parked.incrementAndGet();
		try {
			// checked again after announcing the park: an item given before it was seen wakes no one
			if (this.size.get() == 0) {
				LockSupport.parkNanos(this, this.intervalNanos);
			}
		}
		finally {
			this.parked.decrementAndGet();
		}
		return drain(into, max);
	}

	private int drain(Collection<? super T> into, int max) {
		int taken = 0;
		T item;
		while (taken < max && (item = this.queue.poll()) != null) {
			this.size.decrementAndGet();
			into.add(item);
			taken++;
		}
		return taken;
	}

	/**
	 * Forgets the background thread that calls it, when it stops.
	 */
	public void leave() {
		this.consumers.remove(Thread.currentThread());
	}

	/**
	 * Returns how many items wait.
	 * @return the number
	 */
	public int size() {
		return this.size.get();
	}

	/**
	 * Drops every waiting item.
	 * @return how many there were
	 */
	public int clear() {
		int dropped = 0;
		while (this.queue.poll() != null) {
			this.size.decrementAndGet();
			dropped++;
		}
		return dropped;
	}

}
