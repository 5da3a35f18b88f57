package io.github.vigil.retrieval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.vigil.metrics.SlidingCounts;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.Step;

/**
 * Each retriever's retrievals and those that found nothing, over a sliding window of ten buckets (of at least a
 * second): what the {@code retrieval-empty-rate} alert reads.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class RetrievalWindows implements RunMiddleware {

	/** The in-process alert's name. */
	public static final String RETRIEVAL_EMPTY_RATE = "retrieval-empty-rate";

	private final Clock clock;

	private final int buckets;

	private final long bucketMillis;

	private final Map<String, SlidingCounts> retrievers = new ConcurrentHashMap<>();

	/**
	 * Creates the windows.
	 * @param clock the clock
	 * @param window how far back they look
	 */
	public RetrievalWindows(Clock clock, Duration window) {
		this.clock = clock;
		this.bucketMillis = Math.max(1000, window.toMillis() / 10);
		this.buckets = (int) Math.max(1, window.toMillis() / this.bucketMillis);
	}

	/** A retriever's counts in the window. */
	public record EmptyRate(String retriever, long retrievals, long empty) {

		/**
		 * Returns the share of retrievals that found nothing.
		 * @return the share
		 */
		public double rate() {
			return (this.retrievals > 0) ? (double) this.empty / this.retrievals : 0;
		}

		/**
		 * Returns what the {@code retrieval-empty-rate} alert says of it.
		 * @param window how far back the alert looks, as people read it ("5 minutes")
		 * @return one line naming the retriever and its share of empty retrievals
		 */
		public String summary(String window) {
			return String.format(java.util.Locale.ROOT, "Retriever %s found nothing in %.1f%% of %d retrievals in "
					+ "the last %s", this.retriever, rate() * 100, this.retrievals, window);
		}

		/**
		 * Returns the facts the alert carries.
		 * @param window how far back the alert looks
		 * @return the facts, in order
		 */
		public Map<String, Object> facts(Duration window) {
			Map<String, Object> facts = new java.util.LinkedHashMap<>();
			facts.put("rate", Math.round(rate() * 10_000) / 10_000.0);
			facts.put("empty", this.empty);
			facts.put("retrievals", this.retrievals);
			facts.put("window", window.toString());
			return facts;
		}

	}

	@Override
	public void stepEnded(Step step) {
		if (Retrievals.RETRIEVAL.equals(step.kind())) {
			this.retrievers.computeIfAbsent(step.name(), (name) -> new SlidingCounts(this.buckets, this.bucketMillis))
				.add(this.clock.millis(), RetrievalOutcomes.EMPTY.equals(step.errorType()));
		}
	}

	/**
	 * Returns each retriever's counts in the window that ends now.
	 * @param now the time
	 * @return the counts, of retrievers with any
	 */
	public List<EmptyRate> rates(Instant now) {
		List<EmptyRate> rates = new ArrayList<>();
		this.retrievers.forEach((name, counts) -> {
			long[] sum = counts.sum(this.buckets - 1, 0, now.toEpochMilli());
			if (sum[0] > 0) {
				rates.add(new EmptyRate(name, sum[0], sum[1]));
			}
		});
		return rates;
	}

}
