package io.github.vigil.tool;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The built-in rules: a blank result is {@value ErrorTypes#EMPTY_RESULT}; an HTML page (a doctype or an
 * {@code <html>}, {@code <head>} or {@code <body>} element near the start) is {@value ErrorTypes#HTML_RESPONSE}, the
 * classic deprecated endpoint answering with an error page; text that starts with {@code {} or {@code [} but does
 * not parse as one JSON value is {@value ErrorTypes#INVALID_JSON}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class StandardToolResultClassifier implements ToolResultClassifier {

	private static final int HTML_SNIFF_LENGTH = 1024;

	@Override
	public @Nullable String classify(String toolName, @Nullable String resultText) {
		if (resultText == null) {
			return null;
		}
		int start = firstNonWhitespace(resultText);
		if (start < 0) {
			return ErrorTypes.EMPTY_RESULT;
		}
		char first = resultText.charAt(start);
		if (first == '<' && looksLikeHtml(resultText, start)) {
			return ErrorTypes.HTML_RESPONSE;
		}
		if ((first == '{' || first == '[') && !JsonSyntax.isWellFormed(resultText)) {
			return ErrorTypes.INVALID_JSON;
		}
		return null;
	}

	private static int firstNonWhitespace(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (!Character.isWhitespace(text.charAt(i))) {
				return i;
			}
		}
		return -1;
	}

	private static boolean looksLikeHtml(String text, int start) {
		String head = text.substring(start, Math.min(text.length(), start + HTML_SNIFF_LENGTH))
			.toLowerCase(Locale.ROOT);
		return head.startsWith("<!doctype html") || head.contains("<html") || head.contains("<head")
				|| head.contains("<body") || head.contains("<title");
	}

}
