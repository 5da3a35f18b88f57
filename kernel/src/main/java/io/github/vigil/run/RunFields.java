package io.github.vigil.run;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * A capability's fields in every run's line of the run log, written whether or not it learned something about the
 * run (then with none as the value), so that every line has the same fields. A module lists its own in
 * {@code META-INF/services/io.github.vigil.run.RunFields}; the run log writes those on the class path.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface RunFields {

	/**
	 * Returns the fields of the capabilities on the class path, each listed by its module in
	 * {@code META-INF/services/io.github.vigil.run.RunFields}.
	 * @return the fields
	 */
	static List<RunFields> onClassPath() {
		List<RunFields> fields = new ArrayList<>();
		ServiceLoader.load(RunFields.class, RunFields.class.getClassLoader()).forEach(fields::add);
		return List.copyOf(fields);
	}

	/**
	 * Returns where in the line the fields go.
	 * @return the section
	 */
	default Section section() {
		return Section.OUTCOME;
	}

	/**
	 * Writes the capability's fields of a run.
	 * @param run the finished run
	 * @param out where they go
	 */
	void write(RunRecord run, FactWriter out);

	/** Where in a run's line a capability's fields go. */
	enum Section {

		/** With the run's usage, after its token counts. */
		USAGE,

		/** After the run's outcome, guard decisions and agents. */
		OUTCOME

	}

}
