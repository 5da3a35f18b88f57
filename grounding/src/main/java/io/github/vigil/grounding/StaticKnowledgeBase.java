package io.github.vigil.grounding;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * A knowledge base of fixed lists, such as the ones given in properties.
 *
 * @param urls published URLs
 * @param urlPrefixes published URL prefixes
 * @param people names of people the agent may name
 * @param identifierPatterns regular expressions of identifiers
 * @param catalog products
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StaticKnowledgeBase(Set<String> urls, List<String> urlPrefixes, Set<String> people,
		List<String> identifierPatterns, Collection<Product> catalog) implements KnowledgeBase {

	public StaticKnowledgeBase {
		urls = Set.copyOf(urls);
		urlPrefixes = List.copyOf(urlPrefixes);
		people = Set.copyOf(people);
		identifierPatterns = List.copyOf(identifierPatterns);
		catalog = List.copyOf(catalog);
	}

}
