package io.github.vigil.grounding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Finds the URLs, prices, people and identifiers in an answer and flags those nothing backs. Deterministic,
 * inline and cheap: the knowledge bases are indexed once (and again when their version changes), and checking an
 * answer costs the same whatever their size.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class GroundingCheck {

	/** Characters of an answer that are checked; the rest of a longer answer is ignored. */
	public static final int MAX_ANSWER_CHARS = 200_000;

	private static final Pattern URL = Pattern.compile("(?i)\\bhttps?://[^\\s<>\"'()\\[\\]{}]+"
			+ "|(?<![@\\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,24}/[^\\s<>\"'()\\[\\]{}]*");

	private static final String AMOUNT = "\\d{1,2}(?:,\\d{2})+,\\d{3}(?:\\.\\d{1,2})?|\\d{1,3}(?:,\\d{3})+(?:\\.\\d{1,2})?"
			+ "|\\d+(?:\\.\\d{1,2})?";

	private static final Pattern PRICE = Pattern.compile("(?<pre>US\\$|\\$|€|£|₹|(?<![A-Za-z])(?:Rs\\.?|USD|EUR|GBP|INR))"
			+ "\\s?(?<a1>" + AMOUNT + ")(?![\\d,])"
			+ "|(?<![\\w.,$€£₹])(?<a2>" + AMOUNT + ")\\s?(?<post>USD|EUR|GBP|INR|€|£|dollars|euros|pounds|rupees)(?![A-Za-z])");

	private static final String NAME = "[A-Z][a-z]+(?:-[A-Z][a-z]+)?";

	private static final Pattern HONORIFIC = Pattern
		.compile("\\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\\.?\\s+(" + NAME + "(?:\\s+" + NAME + ")?)");

	private static final Pattern CUE = Pattern.compile("(?i:\\b(?:i'm|i am|my name is|this is|contact|ask for|"
			+ "speak to|speak with|reach out to|talk to|call|e-?mail)\\s+)(" + NAME + "\\s+" + NAME + ")");

	private static final Pattern FIRST_LAST = Pattern.compile("\\b(" + NAME + ")\\s+(" + NAME + ")\\b");

	private static final Set<String> FIRST_NAMES = loadFirstNames();

	private final List<KnowledgeBase> knowledgeBases;

	private volatile @Nullable Indexed indexed;

	/**
	 * Creates the check.
	 * @param knowledgeBases what the business knows; combined
	 */
	public GroundingCheck(List<KnowledgeBase> knowledgeBases) {
		this.knowledgeBases = List.copyOf(knowledgeBases);
	}

	/**
	 * Checks an answer.
	 * @param answer the answer
	 * @param evidence what the run itself knows
	 * @return the unbacked items, empty when everything is backed
	 */
	public List<Flag> check(@Nullable String answer, Evidence evidence) {
		if (answer == null || answer.isBlank()) {
			return List.of();
		}
		String text = (answer.length() > MAX_ANSWER_CHARS) ? answer.substring(0, MAX_ANSWER_CHARS) : answer;
		GroundingIndex index = index();
		Map<String, Flag> flags = new LinkedHashMap<>();
		checkUrls(text, index, evidence, flags);
		checkPrices(text, index, evidence, flags);
		checkPeople(text, index, evidence, flags);
		checkIdentifiers(text, index, evidence, flags);
		return List.copyOf(flags.values());
	}

	private static void checkUrls(String text, GroundingIndex index, Evidence evidence, Map<String, Flag> flags) {
		Matcher matcher = URL.matcher(text);
		while (matcher.find()) {
			String url = trimTrailingPunctuation(matcher.group());
			String normalized = GroundingIndex.normalizeUrl(url);
			if (normalized.isEmpty() || index.knowsUrl(normalized) || evidence.mentionsUrl(normalized)) {
				continue;
			}
			flags.putIfAbsent("url:" + normalized,
					new Flag(Flag.URL, url, "not a published URL and not in the run's tool results or messages"));
		}
	}

	private static void checkPrices(String text, GroundingIndex index, Evidence evidence, Map<String, Flag> flags) {
		Matcher matcher = PRICE.matcher(text);
		while (matcher.find()) {
			String amountText = (matcher.group("a1") != null) ? matcher.group("a1") : matcher.group("a2");
			String symbol = (matcher.group("pre") != null) ? matcher.group("pre") : matcher.group("post");
			BigDecimal amount;
			try {
				amount = GroundingIndex.normalizePrice(new BigDecimal(amountText.replace(",", "")));
			}
			catch (NumberFormatException ex) {
				continue;
			}
			String currency = currency(symbol);
			if (evidence.containsNumber(amount)) {
				continue;
			}
			List<Product> named = index.productsNamedIn(GroundingIndex.normalizeText(sentence(text, matcher.start(),
					matcher.end())));
			String reason;
			if (named.isEmpty()) {
				if (index.knowsPrice(amount, currency)) {
					continue;
				}
				reason = "no catalog price or tool result has this amount";
			}
			else {
				boolean matches = named.stream()
					.anyMatch((product) -> GroundingIndex.normalizePrice(product.price()).compareTo(amount) == 0
							&& (currency == null || product.currency() == null
									|| product.currency().equalsIgnoreCase(currency)));
				if (matches) {
					continue;
				}
				reason = "catalog price of " + named.stream()
					.map((product) -> product.name() + " is " + product.price().toPlainString()
							+ ((product.currency() != null) ? " " + product.currency() : ""))
					.collect(Collectors.joining(", "));
			}
			flags.putIfAbsent("price:" + matcher.group(), new Flag(Flag.PRICE, matcher.group(), reason));
		}
	}

	private static void checkPeople(String text, GroundingIndex index, Evidence evidence, Map<String, Flag> flags) {
		Set<String> names = new HashSet<>();
		List<String> found = new ArrayList<>();
		for (Pattern pattern : List.of(HONORIFIC, CUE)) {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				if (names.add(matcher.group(1))) {
					found.add(matcher.group(1));
				}
			}
		}
		Matcher matcher = FIRST_LAST.matcher(text);
		int from = 0;
		while (from < text.length() && matcher.find(from)) {
			if (FIRST_NAMES.contains(matcher.group(1))) {
				String name = matcher.group(1) + " " + matcher.group(2);
				if (names.add(name)) {
					found.add(name);
				}
				from = matcher.end();
			}
			else {
				// "Ask Sarah Connor": the second word may start the name
				from = matcher.start(2);
			}
		}
		for (String name : found) {
			String normalized = GroundingIndex.normalizeText(name);
			if (index.knowsPerson(normalized) || evidence.mentions(normalized)) {
				continue;
			}
			flags.putIfAbsent("person:" + normalized,
					new Flag(Flag.PERSON, name, "not a known person and not in the run's tool results"));
		}
	}

	private static void checkIdentifiers(String text, GroundingIndex index, Evidence evidence,
			Map<String, Flag> flags) {
		for (Pattern pattern : index.identifierPatterns()) {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				String id = matcher.group();
				if (evidence.mentions(id.toLowerCase(Locale.ROOT))) {
					continue;
				}
				flags.putIfAbsent("identifier:" + id,
						new Flag(Flag.IDENTIFIER, id, "not in the user's messages or the run's tool results"));
			}
		}
	}

	private GroundingIndex index() {
		long[] versions = new long[this.knowledgeBases.size()];
		for (int i = 0; i < versions.length; i++) {
			versions[i] = this.knowledgeBases.get(i).version();
		}
		Indexed current = this.indexed;
		if (current == null || !java.util.Arrays.equals(current.versions(), versions)) {
			current = new Indexed(versions, new GroundingIndex(this.knowledgeBases));
			this.indexed = current;
		}
		return current.index();
	}

	private static String sentence(String text, int start, int end) {
		int from = start;
		while (from > 0 && !isSentenceEnd(text, from - 1)) {
			from--;
		}
		int to = end;
		while (to < text.length() && !isSentenceEnd(text, to)) {
			to++;
		}
		return text.substring(from, to);
	}

	private static boolean isSentenceEnd(String text, int i) {
		char c = text.charAt(i);
		if (c == '\n' || c == '!' || c == '?') {
			return true;
		}
		return (c == '.' || c == ';') && (i + 1 == text.length() || Character.isWhitespace(text.charAt(i + 1)));
	}

	private static @Nullable String currency(@Nullable String symbol) {
		if (symbol == null) {
			return null;
		}
		return switch (symbol.toLowerCase(Locale.ROOT)) {
			case "$", "us$", "usd", "dollars" -> "USD";
			case "€", "eur", "euros" -> "EUR";
			case "£", "gbp", "pounds" -> "GBP";
			case "₹", "rs", "rs.", "inr", "rupees" -> "INR";
			default -> null;
		};
	}

	private static String trimTrailingPunctuation(String url) {
		int end = url.length();
		while (end > 0 && ".,;:!?".indexOf(url.charAt(end - 1)) >= 0) {
			end--;
		}
		return url.substring(0, end);
	}

	private static Set<String> loadFirstNames() {
		try (InputStream in = GroundingCheck.class.getResourceAsStream("first-names.txt")) {
			if (in == null) {
				throw new IllegalStateException("first-names.txt is missing from the classpath");
			}
			return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
				.map(String::trim)
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.collect(Collectors.toUnmodifiableSet());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Indexed(long[] versions, GroundingIndex index) {
	}

}
