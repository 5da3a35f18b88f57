package io.github.vigil.log;

import org.jspecify.annotations.Nullable;

/**
 * Where the run log writes a run's fields: as JSON text, or as the structured value of a log event. Objects in
 * arrays begin with {@link #element()} and end with {@link #endElement()}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
interface Fields {

	Fields field(String name, @Nullable String value);

	Fields field(String name, long value);

	Fields field(String name, boolean value);

	Fields field(String name, double value);

	Fields field(String name, java.math.@Nullable BigDecimal value);

	Fields array(String name);

	Fields element();

	Fields object(String name);

	Fields endObject();

	Fields value(@Nullable String value);

	Fields endElement();

	Fields endArray();

}
