package io.github.vigil.log;

import org.jspecify.annotations.Nullable;

/**
 * A minimal writer of one JSON object on one line.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class JsonLine {

	private final StringBuilder out = new StringBuilder(512);

	private boolean first = true;

	JsonLine() {
		this.out.append('{');
	}

	JsonLine field(String name, @Nullable String value) {
		name(name);
		string(value);
		return this;
	}

	JsonLine field(String name, long value) {
		name(name);
		this.out.append(value);
		return this;
	}

	JsonLine field(String name, boolean value) {
		name(name);
		this.out.append(value);
		return this;
	}

	JsonLine raw(String name, String json) {
		name(name);
		this.out.append(json);
		return this;
	}

	String end() {
		return this.out.append('}').toString();
	}

	private void name(String name) {
		if (!this.first) {
			this.out.append(',');
		}
		this.first = false;
		string(name);
		this.out.append(':');
	}

	private void string(@Nullable String value) {
		if (value == null) {
			this.out.append("null");
			return;
		}
		this.out.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> this.out.append("\\\"");
				case '\\' -> this.out.append("\\\\");
				case '\n' -> this.out.append("\\n");
				case '\r' -> this.out.append("\\r");
				case '\t' -> this.out.append("\\t");
				default -> {
					if (c < 0x20 || c == '\u2028' || c == '\u2029') {
						this.out.append(String.format("\\u%04x", (int) c));
					}
					else {
						this.out.append(c);
					}
				}
			}
		}
		this.out.append('"');
	}

}
