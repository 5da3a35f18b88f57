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
 * price, product name and full name.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class GroundingIndex {

	private final Set<String> urls = new HashSet<>();

	private final Set<String> urlPrefixes = new HashSet<>();

	private final Map<String, List<Product>> productsByName = new HashMap<>();

	private final Set<String> firstWords = new HashSet<>();

	private int longestName;

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
					this.productsByName.computeIfAbsent(name, (k) -> new ArrayList<>(1)).add(product);
					int space = name.indexOf(' ');
					this.firstWords.add((space < 0) ? name : name.substring(0, space));
					this.longestName = Math.max(this.longestName, words(name));
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
	 * Returns the products named in a normalized sentence: every run of up to the longest product name's number of
	 * words is looked up, so the cost does not depend on the catalog's size.
	 */
	List<Product> productsNamedIn(String sentence) {
		List<Product> named = new ArrayList<>(2);
		if (this.productsByName.isEmpty() || sentence.isEmpty()) {
			return named;
		}
		List<Integer> starts = new ArrayList<>();
		starts.add(0);
		for (int i = 0; i < sentence.length(); i++) {
			if (sentence.charAt(i) == ' ') {
				starts.add(i + 1);
			}
		}
		for (int w = 0; w < starts.size(); w++) {
			int wordEnd = (w + 1 < starts.size()) ? starts.get(w + 1) - 1 : sentence.length();
			if (!this.firstWords.contains(sentence.substring(starts.get(w), wordEnd))) {
				continue;
			}
			for (int n = 1; n <= this.longestName && w + n <= starts.size(); n++) {
				int end = (w + n < starts.size()) ? starts.get(w + n) - 1 : sentence.length();
				List<Product> products = this.productsByName.get(sentence.substring(starts.get(w), end));
				if (products != null) {
					named.addAll(products);
				}
			}
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

	private static int words(String normalized) {
		int words = 1;
		for (int i = 0; i < normalized.length(); i++) {
			if (normalized.charAt(i) == ' ') {
				words++;
			}
		}
		return words;
	}

	private static String currencyKey(@Nullable String currency) {
		return (currency != null) ? currency.trim().toUpperCase(Locale.ROOT) : "";
	}

}
