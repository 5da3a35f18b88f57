package io.github.vigil.log;

import org.jspecify.annotations.Nullable;

/**
 * A minimal writer of one JSON object on one line.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class JsonLine implements Fields {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private final StringBuilder out;

	/** Whether the object or array being written has no member yet, one bit per level of nesting. */
	private long empty = 1;

	/** Writes into a buffer that is reused: what it held is cleared. */
	JsonLine(StringBuilder buffer) {
		this.out = buffer;
		this.out.setLength(0);
		this.out.append('{');
	}

	@Override
	public JsonLine field(String name, @Nullable String value) {
		name(name);
		string(value);
		return this;
	}

	@Override
	public JsonLine field(String name, long value) {
		name(name);
		this.out.append(value);
		return this;
	}

	@Override
	public JsonLine field(String name, java.math.@Nullable BigDecimal value) {
		name(name);
		this.out.append((value != null) ? value.toPlainString() : "null");
		return this;
	}

	@Override
	public JsonLine field(String name, double value) {
		name(name);
		this.out.append(Double.isFinite(value) ? Double.toString(value) : "null");
		return this;
	}

	@Override
	public JsonLine field(String name, boolean value) {
		name(name);
		this.out.append(value);
		return this;
	}

	/** Starts an array member; its elements are objects begun with {@link #element()}. */
	@Override
	public JsonLine array(String name) {
		name(name);
		this.out.append('[');
		this.empty = (this.empty << 1) | 1;
		return this;
	}

	/** Starts an object element of the array being written. */
	@Override
	public JsonLine element() {
		separate();
		this.out.append('{');
		this.empty = (this.empty << 1) | 1;
		return this;
	}

	/** Starts an object member. */
	@Override
	public JsonLine object(String name) {
		name(name);
		this.out.append('{');
		this.empty = (this.empty << 1) | 1;
		return this;
	}

	/** Ends the object member being written. */
	@Override
	public JsonLine endObject() {
		this.out.append('}');
		this.empty >>>= 1;
		return this;
	}

	/** Writes a string element of the array being written. */
	@Override
	public JsonLine value(@Nullable String value) {
		separate();
		string(value);
		return this;
	}

	/** Ends the object element being written. */
	@Override
	public JsonLine endElement() {
		this.out.append('}');
		this.empty >>>= 1;
		return this;
	}

	/** Ends the array being written. */
	@Override
	public JsonLine endArray() {
		this.out.append(']');
		this.empty >>>= 1;
		return this;
	}

	String end() {
		return this.out.append('}').toString();
	}

	private void name(String name) {
		separate();
		escaped(this.out, name);
		this.out.append(':');
	}

	private void separate() {
		if ((this.empty & 1) == 0) {
			this.out.append(',');
		}
		this.empty &= ~1L;
	}

	private void string(@Nullable String value) {
		if (value == null) {
			this.out.append("null");
			return;
		}
		escaped(this.out, value);
	}

	private static void escaped(StringBuilder out, String value) {
		out.append('"');
		int length = value.length();
		int plain = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c != '"' && c != '\\' && c != '\u2028' && c != '\u2029') {
				continue;
			}
			out.append(value, plain, i);
			plain = i + 1;
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> out.append("\\u")
					.append(HEX[(c >> 12) & 0xF])
					.append(HEX[(c >> 8) & 0xF])
					.append(HEX[(c >> 4) & 0xF])
					.append(HEX[c & 0xF]);
			}
		}
		if (plain == 0) {
			out.append(value);
		}
		else {
			out.append(value, plain, length);
		}
		out.append('"');
	}

}
