package io.github.vigil.grounding;

/**
 * An item in an answer that nothing backs.
 *
 * @param kind {@code url}, {@code price}, {@code person} or {@code identifier}
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

}
