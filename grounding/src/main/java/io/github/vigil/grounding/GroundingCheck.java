package io.github.vigil.grounding;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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

	private static final Set<String> HONORIFICS = Set.of("Mr", "Mrs", "Ms", "Miss", "Dr", "Prof");

	private static final Set<String> ONE_WORD_CUES = Set.of("i'm", "contact", "call", "email", "e-mail");

	private static final Set<String> TWO_WORD_CUES = Set.of("i am", "name is", "this is", "ask for", "speak to",
			"speak with", "out to", "talk to");

	private static final String[] PREFIX_CURRENCIES = { "US$", "$", "€", "£", "₹", "Rs.", "Rs", "USD", "EUR", "GBP",
			"INR" };

	private static final String[] SUFFIX_CURRENCIES = { "USD", "EUR", "GBP", "INR", "€", "£", "dollars", "euros",
			"pounds", "rupees" };

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
		return assess(answer, evidence, null).flags();
	}

	/**
	 * What a check found: the unbacked items, the answer's checkable items and how many of them the retrieved text
	 * backs.
	 *
	 * @param flags the unbacked items
	 * @param items the answer's checkable items
	 * @param backedByRetrieval how many of them the retrieved text backs
	 */
	public record Assessment(List<Flag> flags, int items, int backedByRetrieval) {
	}

	/**
	 * Checks an answer against a run's evidence and what its retrievals found, in one pass: the unbacked items, and
	 * how many of the answer's items the retrieved text backs.
	 * @param answer the answer
	 * @param evidence what the run itself knows (its messages and tool results)
	 * @param retrieved what its retrievals found, {@code null} for a run that retrieved nothing
	 * @return the assessment
	 */
	public Assessment assess(@Nullable String answer, Evidence evidence, @Nullable Evidence retrieved) {
		if (answer == null || answer.isBlank()) {
			return new Assessment(List.of(), 0, 0);
		}
		String text = (answer.length() > MAX_ANSWER_CHARS) ? answer.substring(0, MAX_ANSWER_CHARS) : answer;
		GroundingIndex index = index();
		Backers backers = new Backers(evidence, retrieved);
		checkUrls(text, index, backers);
		checkPrices(text, index, backers);
		checkPeople(text, index, backers);
		checkIdentifiers(text, index, backers);
		int backed = 0;
		for (boolean inRetrieved : backers.items.values()) {
			backed += inRetrieved ? 1 : 0;
		}
		return new Assessment(List.copyOf(backers.flags.values()), backers.items.size(), backed);
	}

	/**
	 * What may back an item and what the check found: each item once, by its key, with whether the retrieved text
	 * backs it; the unbacked items as flags.
	 */
	private static final class Backers {

		final Evidence evidence;

		final @Nullable Evidence retrieved;

		final Map<String, Boolean> items = new LinkedHashMap<>();

		final Map<String, Flag> flags = new LinkedHashMap<>();

		Backers(Evidence evidence, @Nullable Evidence retrieved) {
			this.evidence = evidence;
			this.retrieved = retrieved;
		}

		/**
		 * Records an item; returns whether what the business knows, the run's evidence or what it retrieved backs it.
		 * The retrieved text is always looked in, for the share it backs; the run's evidence only when needed.
		 */
		boolean backed(String key, boolean known, java.util.function.Predicate<Evidence> mentions) {
			boolean inRetrieved = this.retrieved != null && mentions.test(this.retrieved);
			this.items.merge(key, inRetrieved, Boolean::logicalOr);
			return known || inRetrieved || mentions.test(this.evidence);
		}

	}

	private static void checkUrls(String text, GroundingIndex index, Backers backers) {
		List<String> urls = urls(text);
		for (String found : urls) {
			String url = trimTrailingPunctuation(found);
			String normalized = GroundingIndex.normalizeUrl(url);
			if (normalized.isEmpty()) {
				continue;
			}
			String key = "url:" + normalized;
			if (backers.backed(key, index.knowsUrl(normalized),
					(evidence) -> evidence.mentionsUrl(normalized))) {
				continue;
			}
			backers.flags.putIfAbsent(key,
					new Flag(Flag.URL, url, "not a published URL and not in the run's tool results or messages"));
		}
	}

	/**
	 * Finds URLs by looking around each slash: a scheme URL, or a host name with a dot and a top-level domain
	 * followed by a path.
	 */
	private static List<String> urls(String text) {
		List<String> urls = new ArrayList<>();
		int end = -1;
		for (int slash = text.indexOf('/'); slash >= 0; slash = text.indexOf('/', slash + 1)) {
			if (slash < end) {
				continue;
			}
			int hostEnd = slash;
			int start;
			if (slash >= 1 && text.startsWith("://", slash - 1)) {
				int schemeStart = slash - 1;
				while (schemeStart > 0 && Character.isLetter(text.charAt(schemeStart - 1))) {
					schemeStart--;
				}
				String scheme = text.substring(schemeStart, slash - 1).toLowerCase(Locale.ROOT);
				if (!scheme.equals("http") && !scheme.equals("https")) {
					continue;
				}
				start = schemeStart;
				hostEnd = -1;
			}
			else {
				start = slash;
				while (start > 0 && isHostChar(text.charAt(start - 1))) {
					start--;
				}
				if (start > 0 && (text.charAt(start - 1) == '@' || text.charAt(start - 1) == '/'
						|| Character.isLetterOrDigit(text.charAt(start - 1)))) {
					continue;
				}
				if (!isHostName(text, start, hostEnd)) {
					continue;
				}
			}
			end = (hostEnd < 0) ? slash + 2 : slash;
			while (end < text.length() && !isUrlEnd(text.charAt(end))) {
				end++;
			}
			if (hostEnd < 0 && end <= slash + 2) {
				continue;
			}
			urls.add(text.substring(start, end));
		}
		return urls;
	}

	private static boolean isHostChar(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
	}

	private static boolean isHostName(String text, int start, int end) {
		int dot = text.lastIndexOf('.', end - 1);
		if (dot <= start || dot >= end - 2 || end - dot - 1 > 24) {
			return false;
		}
		for (int i = dot + 1; i < end; i++) {
			if (!Character.isLetter(text.charAt(i))) {
				return false;
			}
		}
		return text.charAt(start) != '.' && text.charAt(dot - 1) != '.';
	}

	private static boolean isUrlEnd(char c) {
		return Character.isWhitespace(c) || c == '<' || c == '>' || c == '"' || c == '\'' || c == '(' || c == ')'
				|| c == '[' || c == ']' || c == '{' || c == '}';
	}

	private static void checkPrices(String text, GroundingIndex index, Backers backers) {
		Map<Integer, List<Product>> productsNamed = new HashMap<>();
		for (int i = 0; i < text.length(); i++) {
			if (!isDigit(text.charAt(i)) || (i > 0 && (isDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '.'
					|| text.charAt(i - 1) == ','))) {
				continue;
			}
			int numberStart = i;
			int numberEnd = numberEnd(text, i);
			i = numberEnd;
			if (numberEnd < text.length() && isDigit(text.charAt(numberEnd))) {
				continue;
			}
			int[] span = currencySpan(text, numberStart, numberEnd);
			if (span == null) {
				continue;
			}
			String value = text.substring(span[0], span[1]);
			String currency = currency(text.substring((span[0] < numberStart) ? span[0] : skipSpace(text, numberEnd),
					(span[0] < numberStart) ? skipSpaceBack(text, numberStart) : span[1]));
			BigDecimal amount;
			try {
				amount = GroundingIndex.normalizePrice(
						new BigDecimal(text.substring(numberStart, numberEnd).replace(",", "")));
			}
			catch (NumberFormatException ex) {
				continue;
			}
			if (backers.backed("price:" + value, false, (evidence) -> evidence.containsNumber(amount))) {
				continue;
			}
			int end = numberEnd;
			List<Product> named = productsNamed.computeIfAbsent(sentenceStart(text, numberStart),
					(from) -> index.productsNamedIn(GroundingIndex.normalizeText(sentence(text, from, end))));
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
			backers.flags.putIfAbsent("price:" + value, new Flag(Flag.PRICE, value, reason));
		}
	}

	/**
	 * Returns where a number that starts at {@code start} ends: digits with optional thousands separators (groups
	 * of two or three digits) and one or two decimals.
	 */
	private static int numberEnd(String text, int start) {
		int i = start;
		while (i < text.length() && isDigit(text.charAt(i))) {
			i++;
		}
		while (i + 2 < text.length() && text.charAt(i) == ',' && isDigit(text.charAt(i + 1))
				&& isDigit(text.charAt(i + 2))) {
			int group = i + 1;
			while (group < text.length() && isDigit(text.charAt(group))) {
				group++;
			}
			if (group - i - 1 > 3) {
				break;
			}
			i = group;
		}
		if (i + 1 < text.length() && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
			int decimals = i + 1;
			while (decimals < text.length() && isDigit(text.charAt(decimals))) {
				decimals++;
			}
			if (decimals - i - 1 <= 2) {
				i = decimals;
			}
		}
		return i;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	/**
	 * Finds a currency written right before or after a number.
	 * @return the start and end of the price with its currency, or {@code null} when none is written
	 */
	private static int @Nullable [] currencySpan(String text, int start, int end) {
		int before = skipSpaceBack(text, start);
		for (String symbol : PREFIX_CURRENCIES) {
			int from = before - symbol.length();
			if (from >= 0 && text.startsWith(symbol, from)
					&& (symbol.length() == 1 || from == 0 || !Character.isLetter(text.charAt(from - 1)))
					&& (start - before <= 1)) {
				return new int[] { from, end };
			}
		}
		int after = skipSpace(text, end);
		if (after - end <= 1) {
			for (String code : SUFFIX_CURRENCIES) {
				int to = after + code.length();
				if (text.startsWith(code, after) && (to == text.length() || !Character.isLetter(text.charAt(to)))) {
					return new int[] { start, to };
				}
			}
		}
		return null;
	}

	private static int skipSpace(String text, int index) {
		return (index < text.length() && text.charAt(index) == ' ') ? index + 1 : index;
	}

	private static int skipSpaceBack(String text, int index) {
		return (index > 0 && text.charAt(index - 1) == ' ') ? index - 1 : index;
	}

	private static void checkPeople(String text, GroundingIndex index, Backers backers) {
		int[] words = new int[64];
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			if (isAsciiLetter(text.charAt(i))) {
				int start = i;
				while (i < text.length() && (isAsciiLetter(text.charAt(i)) || text.charAt(i) == '\''
						|| text.charAt(i) == '-')) {
					i++;
				}
				if (2 * count + 2 > words.length) {
					words = Arrays.copyOf(words, words.length * 2);
				}
				words[2 * count] = start;
				words[2 * count + 1] = i;
				count++;
			}
		}
		Set<String> found = null;
		for (int i = 0; i < count; i++) {
			int start = words[2 * i];
			int end = words[2 * i + 1];
			if (!isName(text, start, end)) {
				continue;
			}
			String current = text.substring(start, end);
			boolean pair = i + 1 < count && adjacent(text, end, words[2 * i + 2])
					&& isName(text, words[2 * i + 2], words[2 * i + 3]);
			String next = pair ? text.substring(words[2 * i + 2], words[2 * i + 3]) : null;
			String previous = (i > 0) ? text.substring(words[2 * i - 2], words[2 * i - 1]) : "";
			String twoBefore = (i > 1)
					? text.substring(words[2 * i - 4], words[2 * i - 3]).toLowerCase(Locale.ROOT) + " "
							+ previous.toLowerCase(Locale.ROOT)
					: "";
			String name = null;
			if (HONORIFICS.contains(previous)) {
				name = pair ? current + " " + next : current;
			}
			else if (pair && (ONE_WORD_CUES.contains(previous.toLowerCase(Locale.ROOT))
					|| TWO_WORD_CUES.contains(twoBefore) || FIRST_NAMES.contains(current))) {
				name = current + " " + next;
			}
			if (name != null) {
				if (found == null) {
					found = new LinkedHashSet<>();
				}
				found.add(name);
				if (name.indexOf(' ') > 0) {
					i++;
				}
			}
		}
		if (found == null) {
			return;
		}
		for (String name : found) {
			String normalized = GroundingIndex.normalizeText(name);
			if (backers.backed("person:" + normalized, index.knowsPerson(normalized),
					(evidence) -> evidence.mentions(normalized))) {
				continue;
			}
			backers.flags.putIfAbsent("person:" + normalized,
					new Flag(Flag.PERSON, name, "not a known person and not in the run's tool results"));
		}
	}

	/** A capitalised word: an upper-case letter, lower-case letters, optionally a hyphen and another such part. */
	private static boolean isName(String text, int start, int end) {
		if (end - start < 2 || !isUpper(text.charAt(start))) {
			return false;
		}
		boolean afterHyphen = false;
		for (int i = start + 1; i < end; i++) {
			char c = text.charAt(i);
			if (c == '-' && !afterHyphen && i + 2 < end && isUpper(text.charAt(i + 1))) {
				afterHyphen = true;
				i++;
			}
			else if (c < 'a' || c > 'z') {
				return false;
			}
		}
		return true;
	}

	private static boolean isAsciiLetter(char c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	}

	private static boolean isUpper(char c) {
		return c >= 'A' && c <= 'Z';
	}

	private static boolean adjacent(String text, int firstEnd, int secondStart) {
		for (int i = firstEnd; i < secondStart; i++) {
			if (text.charAt(i) != ' ') {
				return false;
			}
		}
		return secondStart - firstEnd >= 1;
	}

	private static void checkIdentifiers(String text, GroundingIndex index, Backers backers) {
		for (Pattern pattern : index.identifierPatterns()) {
			Matcher matcher = pattern.matcher(text);
			while (matcher.find()) {
				String id = matcher.group();
				String lower = id.toLowerCase(Locale.ROOT);
				if (backers.backed("identifier:" + id, false, (evidence) -> evidence.mentions(lower))) {
					continue;
				}
				backers.flags.putIfAbsent("identifier:" + id,
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

	private static int sentenceStart(String text, int index) {
		int from = index;
		while (from > 0 && !isSentenceEnd(text, from - 1)) {
			from--;
		}
		return from;
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
