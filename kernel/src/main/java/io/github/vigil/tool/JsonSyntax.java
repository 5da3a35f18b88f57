package io.github.vigil.tool;

import java.util.Arrays;

/**
 * Tells whether a text is one well-formed JSON value (RFC 8259, as strict as Jackson's defaults: no comments, no
 * single quotes, no trailing commas, no leading zeros, no unescaped control characters), without building anything.
 * Nesting deeper than 1,000 levels counts as malformed, as it does for Jackson.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class JsonSyntax {

	private static final int MAX_DEPTH = 1_000;

	private final String text;

	private final int length;

	private int position;

	private JsonSyntax(String text) {
		this.text = text;
		this.length = text.length();
	}

	/**
	 * Checks a text.
	 * @param text the text
	 * @return whether it is exactly one JSON value, with optional whitespace around it
	 */
	static boolean isWellFormed(String text) {
		return new JsonSyntax(text).document();
	}

	/**
	 * Reads one value, keeping the open objects and arrays on an explicit stack rather than the thread's, so deep
	 * nesting costs memory proportional to the depth and never a stack overflow in the caller's tool call.
	 */
	private boolean document() {
		boolean[] openObjects = new boolean[8];
		int depth = 0;
		skipWhitespace();
		while (true) {
			if (this.position >= this.length) {
				return false;
			}
			char c = this.text.charAt(this.position);
			if (c == '{' || c == '[') {
				if (depth == MAX_DEPTH) {
					return false;
				}
				if (depth == openObjects.length) {
					openObjects = Arrays.copyOf(openObjects, Math.min(MAX_DEPTH, depth * 2));
				}
				openObjects[depth++] = c == '{';
				this.position++;
				skipWhitespace();
				if (!consume((c == '{') ? '}' : ']')) {
					if (c == '{' && !key()) {
						return false;
					}
					continue;
				}
				depth--;
			}
			else if (!scalar(c)) {
				return false;
			}
			// a value ended: it closes containers, or a comma leads to the next element
			while (true) {
				skipWhitespace();
				if (depth == 0) {
					return this.position == this.length;
				}
				boolean inObject = openObjects[depth - 1];
				if (consume(',')) {
					skipWhitespace();
					if (inObject && !key()) {
						return false;
					}
					break;
				}
				if (!consume(inObject ? '}' : ']')) {
					return false;
				}
				depth--;
			}
		}
	}

	private boolean key() {
		if (!string()) {
			return false;
		}
		skipWhitespace();
		if (!consume(':')) {
			return false;
		}
		skipWhitespace();
		return true;
	}

	private boolean scalar(char first) {
		return switch (first) {
			case '"' -> string();
			case 't' -> literal("true");
			case 'f' -> literal("false");
			case 'n' -> literal("null");
			default -> number();
		};
	}

	private boolean string() {
		if (!consume('"')) {
			return false;
		}
		while (this.position < this.length) {
			char c = this.text.charAt(this.position++);
			if (c == '"') {
				return true;
			}
			if (c < 0x20) {
				return false;
			}
			if (c == '\\') {
				if (this.position >= this.length) {
					return false;
				}
				char escaped = this.text.charAt(this.position++);
				switch (escaped) {
					case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
					}
					case 'u' -> {
						for (int i = 0; i < 4; i++) {
							if (this.position >= this.length
									|| Character.digit(this.text.charAt(this.position++), 16) < 0) {
								return false;
							}
						}
					}
					default -> {
						return false;
					}
				}
			}
		}
		return false;
	}

	private boolean number() {
		consume('-');
		if (consume('0')) {
			// no leading zeros
		}
		else if (!digits()) {
			return false;
		}
		if (consume('.') && !digits()) {
			return false;
		}
		if (consume('e') || consume('E')) {
			if (!consume('+')) {
				consume('-');
			}
			return digits();
		}
		return true;
	}

	private boolean digits() {
		int start = this.position;
		while (this.position < this.length && isDigit(this.text.charAt(this.position))) {
			this.position++;
		}
		return this.position > start;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

	private boolean literal(String word) {
		if (!this.text.startsWith(word, this.position)) {
			return false;
		}
		this.position += word.length();
		return true;
	}

	private boolean consume(char expected) {
		if (this.position < this.length && this.text.charAt(this.position) == expected) {
			this.position++;
			return true;
		}
		return false;
	}

	private void skipWhitespace() {
		while (this.position < this.length) {
			char c = this.text.charAt(this.position);
			if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
				return;
			}
			this.position++;
		}
	}

}
