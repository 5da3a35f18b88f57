package io.github.vigil.retrieval;

import java.time.Duration;
import java.util.Objects;

/**
 * How retrievals are observed.
 *
 * @param maxSources how many of a retrieval's sources (document ids, file names, URLs) its step keeps, for the run
 * log and the store
 * @param probeEmptySearches whether a store search that found nothing at or above its minimum score is searched once
 * more with no minimum score and one result, to tell {@code below_threshold} (with the best score there was) from
 * {@code empty}; the one place where Vigil calls the application's object more than the application does, so off by
 * default
 * @param emptyRateWindow the window the {@code retrieval-empty-rate} alert looks back over
 * @param emptyRateThreshold the share of a retriever's retrievals that found nothing at which the alert fires
 * @param emptyRateMinRetrievals retrievals of a retriever in the window needed before its share counts
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RetrievalPolicy(int maxSources, boolean probeEmptySearches, Duration emptyRateWindow,
		double emptyRateThreshold, int emptyRateMinRetrievals) {

	/**
	 * The defaults: ten sources, no probing; the alert at half of at least ten retrievals in five minutes finding
	 * nothing.
	 */
	public static final RetrievalPolicy DEFAULTS = new RetrievalPolicy(10, false, Duration.ofMinutes(5), 0.5, 10);

	/**
	 * Checks the settings.
	 * @param maxSources sources kept per retrieval, 0 to 1,000
	 * @param probeEmptySearches whether to probe empty searches
	 * @param emptyRateWindow the alert's window, 10 seconds to 24 hours
	 * @param emptyRateThreshold the alert's share, above 0 and at most 1
	 * @param emptyRateMinRetrievals the alert's minimum of retrievals, at least 1
	 */
	public RetrievalPolicy {
		if (maxSources < 0 || maxSources > 1000) {
			throw new IllegalArgumentException("maxSources must be between 0 and 1000, was " + maxSources);
		}
		Objects.requireNonNull(emptyRateWindow, "emptyRateWindow must not be null");
		if (emptyRateWindow.toSeconds() < 10 || emptyRateWindow.toHours() > 24) {
			throw new IllegalArgumentException(
					"the empty-rate window must be between 10 seconds and 24 hours, was " + emptyRateWindow);
		}
		if (!(emptyRateThreshold > 0 && emptyRateThreshold <= 1)) {
			throw new IllegalArgumentException(
					"the empty-rate threshold must be above 0 and at most 1, was " + emptyRateThreshold);
		}
		if (emptyRateMinRetrievals < 1) {
			throw new IllegalArgumentException(
					"the empty-rate minimum of retrievals must be at least 1, was " + emptyRateMinRetrievals);
		}
	}

	/**
	 * Returns this policy with empty searches probed or not.
	 * @param probe whether to probe
	 * @return the policy
	 */
	public RetrievalPolicy withProbeEmptySearches(boolean probe) {
		return new RetrievalPolicy(this.maxSources, probe, this.emptyRateWindow, this.emptyRateThreshold,
				this.emptyRateMinRetrievals);
	}

}
