package io.github.vigil.grounding;

/**
 * An item in an answer that nothing backs.
 *
 * @param kind {@code url}, {@code price}, {@code person}, {@code identifier}, or
 * {@code answered_without_evidence} for the answer as a whole
 * @param value the item as the answer wrote it
 * @param reason why it is not backed
 * @author Vigil contributors
 * @since 0.1.0
 */
public record Flag(String kind, String value, String reason) {

	/** Kind of an unbacked URL. */
	public static final String URL = "url";

	/** Kind of an unbacked price. */
	public static final String PRICE = "price";

	/** Kind of an unbacked person. */
	public static final String PERSON = "person";

	/** Kind of an unbacked identifier. */
	public static final String IDENTIFIER = "identifier";

	/**
	 * Kind of an answer that states items nothing backs after every retrieval of its run found nothing: the agent
	 * answered from nothing.
	 */
	public static final String ANSWERED_WITHOUT_EVIDENCE = "answered_without_evidence";

}
