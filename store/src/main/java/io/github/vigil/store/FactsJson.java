package io.github.vigil.store;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vigil.run.Facts;
import io.github.vigil.run.FactWriter;
import io.github.vigil.run.WrittenFact;
import org.jspecify.annotations.Nullable;

/**
 * A step's facts as one JSON object, what the store keeps as the step's result for steps of other kinds (a
 * retrieval's results, scores and sources): content fields are left to the step's input, lists of content kept (the
 * writer redacts the whole text as content).
 */
final class FactsJson implements FactWriter {

	private final ObjectNode root = JsonNodeFactory.instance.objectNode();

	private final Deque<Object> open = new ArrayDeque<>();

	private FactsJson() {
		this.open.push(this.root);
	}

	/** The facts as JSON, {@code null} when none writes itself. */
	static @Nullable String of(Facts facts) {
		if (facts.isEmpty()) {
			return null;
		}
		FactsJson json = new FactsJson();
		for (Object fact : facts.all()) {
			if (fact instanceof WrittenFact written) {
				written.write(json);
			}
		}
		return json.root.isEmpty() ? null : json.root.toString();
	}

	private ObjectNode object() {
		return (ObjectNode) this.open.peek();
	}

	@Override
	public FactWriter field(String name, @Nullable String value) {
		object().put(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, long value) {
		object().put(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, double value) {
		if (Double.isFinite(value)) {
			object().put(name, value);
		}
		else {
			object().putNull(name);
		}
		return this;
	}

	@Override
	public FactWriter field(String name, boolean value) {
		object().put(name, value);
		return this;
	}

	@Override
	public FactWriter field(String name, @Nullable BigDecimal value) {
		object().put(name, value);
		return this;
	}

	@Override
	public FactWriter content(String name, @Nullable String value) {
		return this;
	}

	@Override
	public FactWriter contents(String name, List<String> values) {
		ArrayNode array = object().putArray(name);
		values.forEach(array::add);
		return this;
	}

	@Override
	public FactWriter array(String name) {
		this.open.push(object().putArray(name));
		return this;
	}

	@Override
	public FactWriter element() {
		this.open.push(((ArrayNode) this.open.peek()).addObject());
		return this;
	}

	@Override
	public FactWriter endElement() {
		this.open.pop();
		return this;
	}

	@Override
	public FactWriter endArray() {
		this.open.pop();
		return this;
	}

	@Override
	public FactWriter object(String name) {
		this.open.push(object().putObject(name));
		return this;
	}

	@Override
	public FactWriter endObject() {
		this.open.pop();
		return this;
	}

}
