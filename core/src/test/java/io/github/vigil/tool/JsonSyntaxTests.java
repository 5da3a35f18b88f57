package io.github.vigil.tool;

import java.io.IOException;
import java.util.Random;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The check behind {@code invalid_json} accepts exactly what a strict JSON parser accepts.
 */
class JsonSyntaxTests {

	private static final JsonFactory JACKSON = JsonFactory.builder().build();

	private static final String[] SEEDS = { "{\"id\":\"ORD-10042\",\"status\":\"shipped\",\"total\":129.99}",
			"[1, -2, 3.5e+2, 0, -0.0, 1E3, true, false, null, \"a\\\"b\\\\c\\u00e9\\n\"]",
			"{\"items\":[{\"sku\":\"A-1\",\"qty\":2},{\"sku\":\"B-2\",\"qty\":1}],\"note\":\"\"}", "{}", "[]",
			" {\"nested\":{\"deeper\":{\"deepest\":[[[]]]}}} ", "{\"emoji\":\"\uD83D\uDCE6\",\"tab\":\"\\t\"}" };

	private static final char[] NOISE = { '{', '}', '[', ']', '"', ',', ':', '\\', '-', '+', '.', 'e', '0', '1',
			'9', ' ', '\n', '\t', 't', 'n', 'u', 'x', '\'', '/', '\u0001' };

	@ParameterizedTest
	@ValueSource(strings = { "{}", "[]", "{\"a\":[1,2,{\"b\":null}]}", " [ 1 , 2 ] ", "[-0.5e-3]", "[\"\\u00E9\"]",
			"{\"a\":\"\\/\"}" })
	void wellFormedValuesAreAccepted(String text) {
		assertThat(JsonSyntax.isWellFormed(text)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{", "[1,]", "{\"a\":1,}", "{'a':1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[+1]",
			"[tru]", "[\"a\tb\"]", "[\"\\x\"]", "[\"\\u12G4\"]", "{\"a\" 1}", "[1 2]", "{} {}", "[1]]", "[NaN]",
			"[1] // comment" })
	void malformedValuesAreRejected(String text) {
		assertThat(JsonSyntax.isWellFormed(text)).isFalse();
	}

	@Test
	void nestingDeeperThanAThousandLevelsIsRejectedWithoutOverflowingTheStack() {
		assertThat(JsonSyntax.isWellFormed("[".repeat(1_000) + "]".repeat(1_000))).isTrue();
		assertThat(JsonSyntax.isWellFormed("[".repeat(1_001) + "]".repeat(1_001))).isFalse();
		assertThat(JsonSyntax.isWellFormed("[".repeat(1_000_000))).isFalse();
	}

	@Test
	void aThreadWithATinyStackGetsAnAnswerInsteadOfAStackOverflow() throws InterruptedException {
		String deep = "[".repeat(1_000) + "]".repeat(1_000);
		Boolean[] answer = new Boolean[1];
		Thread thread = new Thread(null, () -> answer[0] = JsonSyntax.isWellFormed(deep), "tiny-stack", 16 * 1024);
		thread.start();
		thread.join();

		assertThat(answer[0]).isNotNull();
	}

	@Test
	void agreesWithJacksonOnTenThousandMutatedDocuments() {
		Random random = new Random(42);
		for (int i = 0; i < 10_000; i++) {
			StringBuilder text = new StringBuilder(SEEDS[random.nextInt(SEEDS.length)]);
			int edits = 1 + random.nextInt(3);
			for (int e = 0; e < edits && text.length() > 0; e++) {
				int at = random.nextInt(text.length());
				switch (random.nextInt(3)) {
					case 0 -> text.deleteCharAt(at);
					case 1 -> text.insert(at, NOISE[random.nextInt(NOISE.length)]);
					default -> text.setCharAt(at, NOISE[random.nextInt(NOISE.length)]);
				}
			}
			String document = text.toString();
			assertThat(JsonSyntax.isWellFormed(document)).as(document).isEqualTo(jacksonAccepts(document));
		}
	}

	private static boolean jacksonAccepts(String text) {
		try (JsonParser parser = JACKSON.createParser(text)) {
			if (parser.nextToken() == null) {
				return false;
			}
			parser.skipChildren();
			return parser.nextToken() == null;
		}
		catch (IOException | RuntimeException ex) {
			return false;
		}
	}

}
