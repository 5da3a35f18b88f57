package io.github.vigil.run;

/**
 * A fact the run log and the store write with the step or run it is about: it writes its own fields.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface WrittenFact {

	/**
	 * Writes the fact's fields.
	 * @param out where they go
	 */
	void write(FactWriter out);

}
