package io.github.vigil.retrieval;

/**
 * How retrievals are observed.
 *
 * @param maxSources how many of a retrieval's sources (document ids, file names, URLs) its step keeps, for the run
 * log and the store
 * @param probeEmptySearches whether a store search that found nothing at or above its minimum score is searched once
 * more with no minimum score and one result, to tell {@code below_threshold} (with the best score there was) from
 * {@code empty}; the one place where Vigil calls the application's object more than the application does, so off by
 * default
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RetrievalPolicy(int maxSources, boolean probeEmptySearches) {

	/** The defaults: ten sources, no probing. */
	public static final RetrievalPolicy DEFAULTS = new RetrievalPolicy(10, false);

	/**
	 * Checks the settings.
	 * @param maxSources sources kept per retrieval, 0 to 1,000
	 * @param probeEmptySearches whether to probe empty searches
	 */
	public RetrievalPolicy {
		if (maxSources < 0 || maxSources > 1000) {
			throw new IllegalArgumentException("maxSources must be between 0 and 1000, was " + maxSources);
		}
	}

}
