package io.github.vigil.grounding;

/**
 * How much of a run's answer its retrievals backed: published on the run when the answer was checked and the run
 * looked for {@linkplain Backing backing}.
 *
 * @param retrievals the steps that looked for backing
 * @param found how many of them found any
 * @param items the answer's checkable items (URLs, prices, people, identifiers)
 * @param backed how many of those the retrieved text alone backs
 * @author Vigil contributors
 * @since 0.1.0
 */
public record RetrievalGrounding(int retrievals, int found, int items, int backed) {

	/**
	 * Returns the share of the answer's items that what was retrieved backs.
	 * @return the share, {@code NaN} when the answer had no checkable item
	 */
	public double share() {
		return (this.items > 0) ? (double) this.backed / this.items : Double.NaN;
	}

}
