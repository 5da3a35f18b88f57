package io.github.vigil.run;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The handoff from the user's thread to a background thread: bounded, never blocking the giver, and waking the
 * taker per batch or per trickle, never per item under load. The taker's interval here is a minute, so a take that
 * returns within the test's timeout was woken (or found a batch), not timed out.
 */
class HandoffTests {

	private static final long MINUTE = TimeUnit.MINUTES.toMillis(1);

	@Test
	void aFullHandoffRefusesAndKeepsWhatItHas() {
		Handoff<String> handoff = new Handoff<>(2, 2, MINUTE);
		assertThat(handoff.offer("a")).isTrue();
		assertThat(handoff.offer("b")).isTrue();
		assertThat(handoff.offer("c")).isFalse();
		assertThat(handoff.size()).isEqualTo(2);
		List<String> taken = new ArrayList<>();
		assertThat(handoff.take(taken, 10)).isEqualTo(2);
		assertThat(taken).containsExactly("a", "b");
		assertThat(handoff.size()).isZero();
	}

	@Test
	void aReadyBatchIsTakenWithoutParking() {
		Handoff<Integer> handoff = new Handoff<>(100, 3, MINUTE);
		for (int i = 0; i < 5; i++) {
			handoff.offer(i);
		}
		List<Integer> taken = new ArrayList<>();
		assertThat(handoff.take(taken, 4)).isEqualTo(4);
		assertThat(taken).containsExactly(0, 1, 2, 3);
	}

	@Test
	void aParkedTakerIsWokenByAnItemThatComesAlone() throws Exception {
		Handoff<String> handoff = new Handoff<>(100, 50, MINUTE);
		Taker<String> taker = Taker.start(handoff);
		taker.awaitParked();
		handoff.offer("alone");
		assertThat(taker.taken().get(30, TimeUnit.SECONDS)).containsExactly("alone");
	}

	@Test
	void aParkedTakerIsWokenByABatchNotByEachItemRightAfterAWake() throws Exception {
		for (int attempt = 0; attempt < 50; attempt++) {
			Handoff<Integer> handoff = new Handoff<>(100, 10, MINUTE);
			Taker<Integer> first = Taker.start(handoff);
			first.awaitParked();
			long woken = System.nanoTime();
			handoff.offer(0);
			assertThat(first.taken().get(30, TimeUnit.SECONDS)).containsExactly(0);
			Taker<Integer> second = Taker.start(handoff);
			second.awaitParked();
			for (int i = 1; i < 10; i++) {
				handoff.offer(i);
			}
			if (System.nanoTime() - woken > TimeUnit.MILLISECONDS.toNanos(15)) {
				// slower than the 20 ms after a wake in which items do not wake a taker one by one: try again
				second.thread().interrupt();
				continue;
			}
			assertThat(second.taken()).as("woken before its batch was ready").isNotDone();
			handoff.offer(10);
			assertThat(second.taken().get(30, TimeUnit.SECONDS)).hasSize(10);
			return;
		}
		throw new AssertionError("this machine never offered nine items within 15 ms of a wake in 50 attempts");
	}

	@Test
	void whatWaitsIsTakenAtOnceWithoutParking() throws Exception {
		Handoff<Integer> handoff = new Handoff<>(100, 10, MINUTE);
		handoff.offer(1);
		handoff.offer(2);
		CompletableFuture<List<Integer>> taker = Taker.start(handoff).taken();
		assertThat(taker.get(30, TimeUnit.SECONDS)).containsExactly(1, 2);
	}

	@Test
	void wakingReleasesATakerWithNothingToTake() throws Exception {
		Handoff<Integer> handoff = new Handoff<>(100, 10, MINUTE);
		Taker<Integer> taker = Taker.start(handoff);
		taker.awaitParked();
		handoff.wake();
		assertThat(taker.taken().get(30, TimeUnit.SECONDS)).isEmpty();
	}

	/** A background thread taking once from a handoff. */
	private record Taker<T>(Thread thread, CompletableFuture<List<T>> taken) {

		static <T> Taker<T> start(Handoff<T> handoff) {
			CompletableFuture<List<T>> taken = new CompletableFuture<>();
			Thread thread = new Thread(() -> {
				List<T> items = new ArrayList<>();
				handoff.take(items, 100);
				taken.complete(items);
			}, "handoff-taker");
			thread.setDaemon(true);
			thread.start();
			return new Taker<>(thread, taken);
		}

		/** Waits until the thread is parked in {@code take}, past its last look at the queue. */
		void awaitParked() throws InterruptedException {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
			while (this.thread.getState() != Thread.State.TIMED_WAITING && !this.taken.isDone()
					&& System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(this.thread.getState()).as("taker parked").isEqualTo(Thread.State.TIMED_WAITING);
		}

	}

}
