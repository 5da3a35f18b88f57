package io.github.vigil.log;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A run's fields as maps and lists, the value a structured log event carries, so that structured logging (ECS,
 * Logstash, GELF) writes each field as JSON rather than one string.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class EventFields implements Fields {

	private final Map<String, @Nullable Object> root = new LinkedHashMap<>();

	private final Deque<Object> open = new ArrayDeque<>();

	EventFields() {
		this.open.push(this.root);
	}

	@Override
	public Fields field(String name, @Nullable String value) {
		return put(name, value);
	}

	@Override
	public Fields field(String name, long value) {
		return put(name, value);
	}

	@Override
	public Fields field(String name, java.math.@Nullable BigDecimal value) {
		return put(name, value);
	}

	@Override
	public Fields field(String name, boolean value) {
		return put(name, value);
	}

	@Override
	public Fields field(String name, double value) {
		return put(name, Double.isFinite(value) ? value : null);
	}

	@Override
	public Fields array(String name) {
		List<Object> list = new ArrayList<>();
		put(name, list);
		this.open.push(list);
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Fields element() {
		Map<String, @Nullable Object> element = new LinkedHashMap<>();
		((List<Object>) this.open.peek()).add(element);
		this.open.push(element);
		return this;
	}

	@Override
	@SuppressWarnings("unchecked")
	public Fields value(@Nullable String value) {
		((List<@Nullable Object>) this.open.peek()).add(value);
		return this;
	}

	@Override
	public Fields object(String name) {
		Map<String, @Nullable Object> object = new LinkedHashMap<>();
		put(name, object);
		this.open.push(object);
		return this;
	}

	@Override
	public Fields endObject() {
		this.open.pop();
		return this;
	}

	@Override
	public Fields endElement() {
		this.open.pop();
		return this;
	}

	@Override
	public Fields endArray() {
		this.open.pop();
		return this;
	}

	Map<String, @Nullable Object> fields() {
		return this.root;
	}

	@SuppressWarnings("unchecked")
	private Fields put(String name, @Nullable Object value) {
		((Map<String, @Nullable Object>) this.open.peek()).put(name, value);
		return this;
	}

}
