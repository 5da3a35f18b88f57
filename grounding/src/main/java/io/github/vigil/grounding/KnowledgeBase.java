package io.github.vigil.grounding;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * What the business knows, against which answers are checked: published URLs and URL prefixes, the product catalog,
 * the people the agent may name, and the patterns of identifiers (order ids). Implement it to back the check with
 * your own data (in Spring, declare a bean); several knowledge bases combine.
 * <p>
 * Vigil indexes what a knowledge base returns and re-reads it when {@link #version()} changes, so the methods may
 * be slow; {@code version()} must be cheap.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface KnowledgeBase {

	/**
	 * Returns URLs the agent may quote, exactly.
	 * @return the URLs
	 */
	default Set<String> urls() {
		return Set.of();
	}

	/**
	 * Returns URL prefixes under which every URL is published, such as {@code https://help.example.com/}.
	 * @return the prefixes
	 */
	default List<String> urlPrefixes() {
		return List.of();
	}

	/**
	 * Returns the product catalog.
	 * @return the products
	 */
	default Collection<Product> catalog() {
		return List.of();
	}

	/**
	 * Returns the full names of people the agent may name: staff, agents, support team.
	 * @return the names
	 */
	default Set<String> people() {
		return Set.of();
	}

	/**
	 * Returns regular expressions of identifiers the agent must not invent, such as {@code ORD-\d{5}}.
	 * @return the patterns
	 */
	default List<String> identifierPatterns() {
		return List.of();
	}

	/**
	 * Returns a number that changes whenever the data changes, so Vigil knows when to index it again.
	 * @return the version
	 */
	default long version() {
		return 0;
	}

}
