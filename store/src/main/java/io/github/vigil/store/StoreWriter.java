package io.github.vigil.store;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;

import io.github.vigil.run.Handoff;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands finished runs to the store on a background thread: the user's thread only offers a run to a bounded queue,
 * waking the writer only when a batch is ready (it looks every 200 ms otherwise),
 * and never waits. Runs are written in batches; a failing store is logged once, counted, and retried with backoff
 * while the queue keeps what fits; a full queue drops runs and counts them. Closing writes what is queued.
 */
final class StoreWriter implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger("vigil.store");

	static final int BATCH_SIZE = 200;

	/**
	 * Runs waiting that wake the parked writer before its next look: a whole batch. A run that comes alone (more than
	 * 20 ms after the last wake) wakes it at once.
	 */
	static final int WAKE_AT = BATCH_SIZE;

	/** How often the writer looks for runs when fewer than a batch wait. */
	static final long LOOK_EVERY_MILLIS = 200;

	private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);

	private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

	private static final Duration EXPIRE_EVERY = Duration.ofMinutes(1);

	private static final long CLOSE_TIMEOUT_MILLIS = 10_000;

	private final RunStore store;

	private final StorePolicy policy;

	private final Clock clock;

	private final Handoff<StoredRun> queue;

	private final MeterRegistry registry;

	private final Thread thread;

	/** Runs taken so far, and of them those written or given up: a flush waits for the runs taken before it. */
	private final AtomicLong taken = new AtomicLong();

	private final AtomicLong settled = new AtomicLong();

	private final AtomicBoolean started = new AtomicBoolean();

	private volatile boolean closing;

	private long nextExpiry;

	private final UnaryOperator<StoredRun> prepare;

	StoreWriter(RunStore store, StorePolicy policy, MeterRegistry registry, Clock clock,
			UnaryOperator<StoredRun> prepare) {
		this.prepare = prepare;
		this.store = store;
		this.policy = policy;
		this.clock = clock;
		this.queue = new Handoff<>(policy.queueCapacity(), WAKE_AT, LOOK_EVERY_MILLIS);
		this.registry = registry;
		this.thread = new Thread(this::loop, "vigil-run-store");
		this.thread.setDaemon(true);
	}

	private void startOnce() {
		if (!this.started.get() && this.started.compareAndSet(false, true)) {
			Gauge.builder("vigil.store.queue", this.queue, Handoff::size)
				.description("Runs waiting to be written to the run store")
				.register(this.registry);
			// the counters exist from the first run on, so that alerts on them have a series to read
			written();
			failedWrites();
			dropped("queue_full");
			dropped("closed");
			this.thread.start();
		}
	}

	private Counter written() {
		return Counter.builder("vigil.store.written")
			.description("Runs written to the run store")
			.register(this.registry);
	}

	private Counter failedWrites() {
		return Counter.builder("vigil.store.write.failures")
			.description("Batches the run store failed to take; each is retried with backoff")
			.register(this.registry);
	}

	private Counter dropped(String reason) {
		return Counter.builder("vigil.store.dropped")
			.description("Runs not stored because the queue was full or the store closed")
			.tag("reason", reason)
			.register(this.registry);
	}

	/**
	 * Offers a run; never blocks.
	 * @return whether it was queued
	 */
	boolean offer(StoredRun run) {
		if (this.closing) {
			dropped("closed").increment();
			return false;
		}
		startOnce();
		if (!this.queue.offer(run)) {
			dropped("queue_full").increment();
			return false;
		}
		this.taken.incrementAndGet();
		return true;
	}

	private void loop() {
		List<StoredRun> batch = new ArrayList<>(BATCH_SIZE);
		long backoff = 0;
		int failuresInRow = 0;
		while (true) {
			try {
				if (batch.isEmpty()) {
					if (this.queue.take(batch, BATCH_SIZE) == 0) {
						if (this.closing) {
							this.queue.leave();
							return;
						}
						expireWhenDue();
						continue;
					}
					batch.replaceAll(this.prepare);
				}
				try {
					this.store.write(batch);
					written().increment(batch.size());
					this.settled.addAndGet(batch.size());
					if (failuresInRow > 0) {
						logger.info("The run store takes runs again, after {} failed attempts", failuresInRow);
					}
					failuresInRow = 0;
					backoff = 0;
					batch.clear();
					expireWhenDue();
				}
				catch (RuntimeException ex) {
					failedWrites().increment();
					if (failuresInRow++ == 0) {
						logger.warn("The run store failed to take {} runs; retrying with backoff, the application "
								+ "keeps serving and runs beyond the queue's capacity ({}) are dropped and counted "
								+ "in vigil.store.dropped: {}", batch.size(), this.policy.queueCapacity(),
								ex.toString());
					}
					else {
						logger.debug("The run store failed again", ex);
					}
					if (this.closing) {
						int lost = batch.size() + this.queue.clear();
						dropped("closed").increment(lost);
						this.settled.addAndGet(lost);
						logger.warn("The run store did not take {} runs before it closed", lost);
						return;
					}
					backoff = (backoff == 0) ? FIRST_BACKOFF.toMillis() : Math.min(backoff * 2, MAX_BACKOFF.toMillis());
					sleep(backoff);
				}
			}
			catch (InterruptedException ex) {
				if (!this.closing) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			catch (RuntimeException | Error ex) {
				logger.warn("The run store writer failed; it goes on", ex);
			}
		}
	}

	private void sleep(long millis) throws InterruptedException {
		long until = System.currentTimeMillis() + millis;
		while (!this.closing && System.currentTimeMillis() < until) {
			Thread.sleep(Math.min(50, millis));
		}
	}

	private void expireWhenDue() {
		long now = this.clock.millis();
		if (now < this.nextExpiry) {
			return;
		}
		this.nextExpiry = now + EXPIRE_EVERY.toMillis();
		try {
			this.store.expire(this.clock.instant().minus(this.policy.retention()), this.policy.maxRuns());
		}
		catch (RuntimeException ex) {
			logger.debug("The run store failed to delete expired runs", ex);
		}
	}

	/**
	 * Waits until every run taken before this call is written (or given up): later runs do not make it wait.
	 * @param timeout how long to wait at most
	 * @return whether they were written in time
	 */
	boolean flush(Duration timeout) {
		long target = this.taken.get();
		long until = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < until) {
			if (this.settled.get() >= target) {
				return true;
			}
			this.queue.wake();
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return false;
	}

	@Override
	public void close() {
		this.closing = true;
		if (!this.started.get()) {
			return;
		}
		this.queue.wake();
		try {
			this.thread.join(CLOSE_TIMEOUT_MILLIS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int left = this.queue.clear();
		if (left > 0) {
			dropped("closed").increment(left);
			this.settled.addAndGet(left);
			logger.warn("The run store did not take {} runs before it closed", left);
		}
	}

}
