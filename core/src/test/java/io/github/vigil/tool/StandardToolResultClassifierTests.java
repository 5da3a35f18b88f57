package io.github.vigil.tool;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which tool results are not usable answers, although the tool returned normally.
 */
class StandardToolResultClassifierTests {

	private final StandardToolResultClassifier classifier = new StandardToolResultClassifier();

	@ParameterizedTest
	@ValueSource(strings = { "<!DOCTYPE html><html><body>Gone</body></html>",
			"  \n<html><head><title>502 Bad Gateway</title></head></html>",
			"<HTML><BODY>Service Unavailable</BODY></HTML>",
			"<?xml version=\"1.0\"?><!DOCTYPE html><html><head><title>Error</title></head></html>" })
	void anHtmlPageIsAnHtmlResponse(String result) {
		assertThat(this.classifier.classify("lookupOrder", result)).isEqualTo("html_response");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id\": 1,", "[1, 2", "{\"a\":1}}", "{id: 1}", "[\"unterminated]" })
	void textThatStartsLikeJsonButDoesNotParseIsInvalidJson(String result) {
		assertThat(this.classifier.classify("lookupOrder", result)).isEqualTo("invalid_json");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\n\t " })
	void aBlankResultIsEmpty(String result) {
		assertThat(this.classifier.classify("lookupOrder", result)).isEqualTo("empty_result");
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"id\":\"ORD-1\",\"status\":\"shipped\"}", "[]", " [1,2,3] ",
			"Order ORD-1 was shipped on 2026-11-02.", "x < y", "<3 thanks", "42" })
	void usableAnswersAreNotErrors(String result) {
		assertThat(this.classifier.classify("lookupOrder", result)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 1_000_000 })
	void largeResultsAreClassifiedWithoutFailing(int size) {
		String big = "{\"items\":[" + "1,".repeat(size) + "1]}";
		assertThat(this.classifier.classify("lookupOrder", big)).isNull();
		assertThat(this.classifier.classify("lookupOrder", big.substring(0, big.length() - 1)))
			.isEqualTo("invalid_json");
	}

}
