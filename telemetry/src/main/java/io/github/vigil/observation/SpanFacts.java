package io.github.vigil.observation;

import java.math.BigDecimal;

import io.github.vigil.run.FactWriter;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A step's facts as attributes of its span: each field by its name; content only when content is opted in; arrays
 * are left to the run log and the store.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class SpanFacts implements FactWriter {

	private final Observation.Context context;

	private final boolean includeContent;

	private int depth;

	SpanFacts(Observation.Context context, boolean includeContent) {
		this.context = context;
		this.includeContent = includeContent;
	}

	private FactWriter put(String name, @Nullable Object value) {
		if (this.depth == 0 && value != null) {
			this.context.addHighCardinalityKeyValue(KeyValue.of(name, String.valueOf(value)));
		}
		return this;
	}

	@Override
	public FactWriter field(String name, @Nullable String value) {
		return put(name, value);
	}

	@Override
	public FactWriter field(String name, long value) {
		return put(name, value);
	}

	@Override
	public FactWriter field(String name, double value) {
		return Double.isFinite(value) ? put(name, value) : this;
	}

	@Override
	public FactWriter field(String name, boolean value) {
		return put(name, value);
	}

	@Override
	public FactWriter field(String name, @Nullable BigDecimal value) {
		return put(name, (value != null) ? value.toPlainString() : null);
	}

	@Override
	public FactWriter content(String name, @Nullable String value) {
		return this.includeContent ? put(name, value) : this;
	}

	@Override
	public FactWriter array(String name) {
		this.depth++;
		return this;
	}

	@Override
	public FactWriter element() {
		return this;
	}

	@Override
	public FactWriter endElement() {
		return this;
	}

	@Override
	public FactWriter endArray() {
		this.depth--;
		return this;
	}

	/** An object's fields go on the span by their own names, as the step's own fields do. */
	@Override
	public FactWriter object(String name) {
		return this;
	}

	@Override
	public FactWriter endObject() {
		return this;
	}

}
