package io.github.vigil.run;

import java.math.BigDecimal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Where facts are written, as the run log's JSON fields or a store's columns: the one small interface through which
 * the run log and the store write what capabilities learned, without knowing the capabilities. Objects in arrays
 * begin with {@link #element()} and end with {@link #endElement()}.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface FactWriter {

	/**
	 * Writes a bounded value: a type, a name, an action.
	 * @param name the field
	 * @param value the value
	 * @return this writer
	 */
	FactWriter field(String name, @Nullable String value);

	/**
	 * Writes a count.
	 * @param name the field
	 * @param value the value
	 * @return this writer
	 */
	FactWriter field(String name, long value);

	/**
	 * Writes a measurement; a value that is not finite is written as none.
	 * @param name the field
	 * @param value the value
	 * @return this writer
	 */
	FactWriter field(String name, double value);

	/**
	 * Writes a flag.
	 * @param name the field
	 * @param value the value
	 * @return this writer
	 */
	FactWriter field(String name, boolean value);

	/**
	 * Writes an amount.
	 * @param name the field
	 * @param value the value
	 * @return this writer
	 */
	FactWriter field(String name, @Nullable BigDecimal value);

	/**
	 * Writes content (a user's words, a model's, a tool's): the writer cuts and redacts it under its content policy.
	 * @param name the field
	 * @param value the content
	 * @return this writer
	 */
	FactWriter content(String name, @Nullable String value);

	/**
	 * Writes a list of content (the ids of the documents a retrieval found): the writer cuts and redacts each value
	 * under its content policy; a writer that keeps no arrays leaves it out.
	 * @param name the field
	 * @param values the content
	 * @return this writer
	 */
	default FactWriter contents(String name, List<String> values) {
		array(name);
		for (String value : values) {
			element().content("value", value).endElement();
		}
		return endArray();
	}

	/**
	 * Begins an array.
	 * @param name the field
	 * @return this writer
	 */
	FactWriter array(String name);

	/**
	 * Begins an object in the array.
	 * @return this writer
	 */
	FactWriter element();

	/**
	 * Ends the object.
	 * @return this writer
	 */
	FactWriter endElement();

	/**
	 * Ends the array.
	 * @return this writer
	 */
	FactWriter endArray();

	/**
	 * Begins an object field.
	 * @param name the field
	 * @return this writer
	 */
	FactWriter object(String name);

	/**
	 * Ends the object field.
	 * @return this writer
	 */
	FactWriter endObject();

}
