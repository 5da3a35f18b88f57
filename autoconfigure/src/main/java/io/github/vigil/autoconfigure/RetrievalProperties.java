package io.github.vigil.autoconfigure;

import java.time.Duration;

import io.github.vigil.retrieval.RetrievalPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Retrievals: the application's content retrievers, embedding stores and embedding models observed as steps of
 * their runs.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.retrieval")
public class RetrievalProperties {

	/**
	 * Whether the application's ContentRetriever, EmbeddingStore and EmbeddingModel beans are observed: each
	 * retrieval, search and embedding call a step of the run it serves.
	 */
	private boolean enabled = true;

	/**
	 * How many of a retrieval's sources (document ids, file names, URLs) its step keeps for the run log and the
	 * store.
	 */
	private int maxSources = RetrievalPolicy.DEFAULTS.maxSources();

	/**
	 * Whether a store search that found nothing at or above its minimum score is searched once more, with no
	 * minimum and one result, to tell below_threshold from empty. Off by default: it is a call of the application's
	 * store that the application did not make.
	 */
	private boolean probeEmptySearches = RetrievalPolicy.DEFAULTS.probeEmptySearches();

	/**
	 * The retrieval-empty-rate alert: a retriever whose retrievals found nothing this often.
	 */
	private final EmptyRate emptyRate = new EmptyRate();

	public EmptyRate getEmptyRate() {
		return this.emptyRate;
	}

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public int getMaxSources() {
		return this.maxSources;
	}

	public void setMaxSources(int maxSources) {
		this.maxSources = maxSources;
	}

	public boolean isProbeEmptySearches() {
		return this.probeEmptySearches;
	}

	public void setProbeEmptySearches(boolean probeEmptySearches) {
		this.probeEmptySearches = probeEmptySearches;
	}

	RetrievalPolicy toPolicy() {
		return new RetrievalPolicy(this.maxSources, this.probeEmptySearches, this.emptyRate.window,
				this.emptyRate.threshold, this.emptyRate.minRetrievals);
	}

	/** The retrieval-empty-rate alert's thresholds. */
	public static class EmptyRate {

		/**
		 * The window the alert looks back over.
		 */
		private Duration window = RetrievalPolicy.DEFAULTS.emptyRateWindow();

		/**
		 * Share of a retriever's retrievals in the window that found nothing at which the alert fires.
		 */
		private double threshold = RetrievalPolicy.DEFAULTS.emptyRateThreshold();

		/**
		 * Retrievals of a retriever in the window needed before its share counts.
		 */
		private int minRetrievals = RetrievalPolicy.DEFAULTS.emptyRateMinRetrievals();

		public Duration getWindow() {
			return this.window;
		}

		public void setWindow(Duration window) {
			this.window = window;
		}

		public double getThreshold() {
			return this.threshold;
		}

		public void setThreshold(double threshold) {
			this.threshold = threshold;
		}

		public int getMinRetrievals() {
			return this.minRetrievals;
		}

		public void setMinRetrievals(int minRetrievals) {
			this.minRetrievals = minRetrievals;
		}

	}

}
