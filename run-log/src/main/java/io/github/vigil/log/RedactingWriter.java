package io.github.vigil.log;

import java.math.BigDecimal;
import java.util.List;

import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.FactWriter;
import org.jspecify.annotations.Nullable;

/**
 * Facts written into a run's line: bounded values as they are, content cut and redacted under the run log's policy.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class RedactingWriter implements FactWriter {

	private final Fields line;

	private final ContentRedactor redactor;

	RedactingWriter(Fields line, ContentRedactor redactor) {
		this.line = line;
		this.redactor = redactor;
	}

	@Override
	public FactWriter field(String name, @Nullable String value) {
		this.line.field(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, long value) {
		this.line.field(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, double value) {
		this.line.field(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, boolean value) {
		this.line.field(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, @Nullable BigDecimal value) {
		this.line.field(name, value);
		return this;
	}

	@Override
	public FactWriter content(String name, @Nullable String value) {
		this.line.field(name, this.redactor.apply(value));
		return this;
	}

	@Override
	public FactWriter contents(String name, List<String> values) {
		this.line.array(name);
		for (String value : values) {
			this.line.value(this.redactor.apply(value));
		}
		this.line.endArray();
		return this;
	}

	@Override
	public FactWriter array(String name) {
		this.line.array(name);
		return this;
	}

	@Override
	public FactWriter element() {
		this.line.element();
		return this;
	}

	@Override
	public FactWriter endElement() {
		this.line.endElement();
		return this;
	}

	@Override
	public FactWriter endArray() {
		this.line.endArray();
		return this;
	}

	@Override
	public FactWriter object(String name) {
		this.line.object(name);
		return this;
	}

	@Override
	public FactWriter endObject() {
		this.line.endObject();
		return this;
	}

}
