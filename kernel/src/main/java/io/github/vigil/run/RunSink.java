package io.github.vigil.run;

/**
 * Receives every finished run, once. The JSON run log is one sink; add others to send runs to a warehouse or a
 * review tool. A sink that throws is counted and logged and never affects the caller or other sinks.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@FunctionalInterface
public interface RunSink extends RunMiddleware {

	/**
	 * Accepts a finished run.
	 * @param run the run
	 */
	void accept(RunRecord run);

	@Override
	default void runEnded(Run run, RunRecord record) {
		accept(record);
	}

}
