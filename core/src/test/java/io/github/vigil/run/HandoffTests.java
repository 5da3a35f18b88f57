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
		CompletableFuture<List<String>> taker = takeOnAnotherThread(handoff);
		awaitParked(handoff, taker);
		handoff.offer("alone");
		assertThat(taker.get(30, TimeUnit.SECONDS)).containsExactly("alone");
	}

	@Test
	void aParkedTakerIsWokenByABatchEvenRightAfterAWake() throws Exception {
		Handoff<Integer> handoff = new Handoff<>(100, 10, MINUTE);
		CompletableFuture<List<Integer>> first = takeOnAnotherThread(handoff);
		awaitParked(handoff, first);
		handoff.offer(0);
		assertThat(first.get(30, TimeUnit.SECONDS)).containsExactly(0);
		CompletableFuture<List<Integer>> second = takeOnAnotherThread(handoff);
		awaitParked(handoff, second);
		for (int i = 1; i <= 10; i++) {
			handoff.offer(i);
		}
		assertThat(second.get(30, TimeUnit.SECONDS)).isNotEmpty();
	}

	@Test
	void whatWaitsIsTakenAtOnceWithoutParking() throws Exception {
		Handoff<Integer> handoff = new Handoff<>(100, 10, MINUTE);
		handoff.offer(1);
		handoff.offer(2);
		CompletableFuture<List<Integer>> taker = takeOnAnotherThread(handoff);
		assertThat(taker.get(30, TimeUnit.SECONDS)).containsExactly(1, 2);
	}

	@Test
	void wakingReleasesATakerWithNothingToTake() throws Exception {
		Handoff<Integer> handoff = new Handoff<>(100, 10, MINUTE);
		CompletableFuture<List<Integer>> taker = takeOnAnotherThread(handoff);
		awaitParked(handoff, taker);
		handoff.wake();
		assertThat(taker.get(30, TimeUnit.SECONDS)).isEmpty();
	}

	private static <T> CompletableFuture<List<T>> takeOnAnotherThread(Handoff<T> handoff) {
		CompletableFuture<List<T>> result = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			List<T> taken = new ArrayList<>();
			handoff.take(taken, 100);
			result.complete(taken);
		}, "handoff-taker");
		thread.setDaemon(true);
		thread.start();
		return result;
	}

	/** Waits until the taker is parked on the handoff, so what follows exercises a wake, not a first look. */
	private static void awaitParked(Handoff<?> handoff, CompletableFuture<?> taker) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (!handoff.hasParkedTaker() && !taker.isDone() && System.nanoTime() < deadline) {
			Thread.sleep(1);
		}
		assertThat(handoff.hasParkedTaker()).as("taker parked").isTrue();
	}

}
