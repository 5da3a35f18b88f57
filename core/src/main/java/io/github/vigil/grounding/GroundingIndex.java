package io.github.vigil.grounding;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An immutable index of what the knowledge bases know, built so that checking an answer costs the same whatever
 * the size of the catalog, the URL list or the staff list: hash lookups keyed by normalized URL, URL path prefix,
 * price, product-name first word and full name.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class GroundingIndex {

	private final Set<String> urls = new HashSet<>();

	private final Set<String> urlPrefixes = new HashSet<>();

	private final Map<String, List<Product>> productsByFirstWord = new HashMap<>();

	private final Map<String, Set<BigDecimal>> pricesByCurrency = new HashMap<>();

	private final Set<BigDecimal> allPrices = new HashSet<>();

	private final Set<String> people = new HashSet<>();

	private final Set<String> surnames = new HashSet<>();

	private final List<Pattern> identifierPatterns = new ArrayList<>();

	GroundingIndex(List<KnowledgeBase> knowledgeBases) {
		for (KnowledgeBase knowledge : knowledgeBases) {
			knowledge.urls().forEach((url) -> this.urls.add(normalizeUrl(url)));
			knowledge.urlPrefixes().forEach((prefix) -> this.urlPrefixes.add(normalizeUrl(prefix)));
			for (Product product : knowledge.catalog()) {
				String name = normalizeText(product.name());
				if (!name.isEmpty()) {
					this.productsByFirstWord.computeIfAbsent(firstWord(name), (k) -> new ArrayList<>(1)).add(product);
				}
				BigDecimal price = normalizePrice(product.price());
				this.allPrices.add(price);
				this.pricesByCurrency.computeIfAbsent(currencyKey(product.currency()), (k) -> new HashSet<>())
					.add(price);
			}
			for (String person : knowledge.people()) {
				String name = normalizeText(person);
				this.people.add(name);
				int space = name.lastIndexOf(' ');
				if (space > 0) {
					this.surnames.add(name.substring(space + 1));
				}
			}
			for (String pattern : knowledge.identifierPatterns()) {
				this.identifierPatterns.add(Pattern.compile(pattern));
			}
		}
	}

	boolean knowsUrl(String normalized) {
		if (this.urls.contains(normalized)) {
			return true;
		}
		for (int slash = normalized.indexOf('/'); slash >= 0; slash = normalized.indexOf('/', slash + 1)) {
			if (this.urlPrefixes.contains(normalized.substring(0, slash))) {
				return true;
			}
		}
		return this.urlPrefixes.contains(normalized);
	}

	/**
	 * Returns the products named in a normalized sentence.
	 */
	List<Product> productsNamedIn(String sentence) {
		List<Product> named = new ArrayList<>(2);
		int start = 0;
		while (start < sentence.length()) {
			int end = sentence.indexOf(' ', start);
			if (end < 0) {
				end = sentence.length();
			}
			List<Product> candidates = this.productsByFirstWord.get(sentence.substring(start, end));
			if (candidates != null) {
				for (Product product : candidates) {
					String name = normalizeText(product.name());
					if (sentence.startsWith(name, start) && (start + name.length() == sentence.length()
							|| !Character.isLetterOrDigit(sentence.charAt(start + name.length())))) {
						named.add(product);
					}
				}
			}
			start = end + 1;
		}
		return named;
	}

	boolean knowsPrice(BigDecimal price, @Nullable String currency) {
		if (currency == null) {
			return this.allPrices.contains(price);
		}
		Set<BigDecimal> inCurrency = this.pricesByCurrency.get(currency);
		Set<BigDecimal> unspecified = this.pricesByCurrency.get("");
		return (inCurrency != null && inCurrency.contains(price)) || (unspecified != null && unspecified.contains(price));
	}

	boolean knowsPerson(String normalizedName) {
		if (this.people.contains(normalizedName)) {
			return true;
		}
		return normalizedName.indexOf(' ') < 0 && this.surnames.contains(normalizedName);
	}

	List<Pattern> identifierPatterns() {
		return this.identifierPatterns;
	}

	static String normalizeUrl(String url) {
		String u = url.trim().toLowerCase(Locale.ROOT);
		if (u.startsWith("https://")) {
			u = u.substring(8);
		}
		else if (u.startsWith("http://")) {
			u = u.substring(7);
		}
		if (u.startsWith("www.")) {
			u = u.substring(4);
		}
		int cut = u.length();
		for (int i = 0; i < u.length(); i++) {
			char c = u.charAt(i);
			if (c == '#' || c == '?') {
				cut = i;
				break;
			}
		}
		u = u.substring(0, cut);
		while (u.endsWith("/")) {
			u = u.substring(0, u.length() - 1);
		}
		return u;
	}

	static String normalizeText(String text) {
		StringBuilder out = new StringBuilder(text.length());
		boolean space = false;
		for (int i = 0; i < text.length(); i++) {
			char c = Character.toLowerCase(text.charAt(i));
			if (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '\'') {
				if (space && out.length() > 0) {
					out.append(' ');
				}
				out.append(c);
				space = false;
			}
			else {
				space = true;
			}
		}
		return out.toString();
	}

	static BigDecimal normalizePrice(BigDecimal price) {
		return price.setScale(2, java.math.RoundingMode.HALF_UP);
	}

	private static String firstWord(String normalized) {
		int space = normalized.indexOf(' ');
		return (space < 0) ? normalized : normalized.substring(0, space);
	}

	private static String currencyKey(@Nullable String currency) {
		return (currency != null) ? currency.trim().toUpperCase(Locale.ROOT) : "";
	}

}
