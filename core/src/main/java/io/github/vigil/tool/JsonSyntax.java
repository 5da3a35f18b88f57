package io.github.vigil.tool;

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
		JsonSyntax syntax = new JsonSyntax(text);
		syntax.skipWhitespace();
		try {
			if (!syntax.value(0)) {
				return false;
			}
		}
		catch (StackOverflowError ex) {
			// deep nesting on a thread with a small stack: malformed for our purpose, and never the caller's problem
			return false;
		}
		syntax.skipWhitespace();
		return syntax.position == syntax.length;
	}

	private boolean value(int depth) {
		if (this.position >= this.length) {
			return false;
		}
		return switch (this.text.charAt(this.position)) {
			case '{' -> object(depth + 1);
			case '[' -> array(depth + 1);
			case '"' -> string();
			case 't' -> literal("true");
			case 'f' -> literal("false");
			case 'n' -> literal("null");
			default -> number();
		};
	}

	private boolean object(int depth) {
		if (depth > MAX_DEPTH) {
			return false;
		}
		this.position++;
		skipWhitespace();
		if (consume('}')) {
			return true;
		}
		while (true) {
			if (!string()) {
				return false;
			}
			skipWhitespace();
			if (!consume(':')) {
				return false;
			}
			skipWhitespace();
			if (!value(depth)) {
				return false;
			}
			skipWhitespace();
			if (consume('}')) {
				return true;
			}
			if (!consume(',')) {
				return false;
			}
			skipWhitespace();
		}
	}

	private boolean array(int depth) {
		if (depth > MAX_DEPTH) {
			return false;
		}
		this.position++;
		skipWhitespace();
		if (consume(']')) {
			return true;
		}
		while (true) {
			if (!value(depth)) {
				return false;
			}
			skipWhitespace();
			if (consume(']')) {
				return true;
			}
			if (!consume(',')) {
				return false;
			}
			skipWhitespace();
		}
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
