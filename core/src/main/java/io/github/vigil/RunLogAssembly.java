package io.github.vigil;

import io.github.vigil.log.GuardLog;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunMiddleware;
import org.jspecify.annotations.Nullable;

/**
 * The run-log module ({@code vigil-run-log}) in a {@link Vigil}: the only class of the assembly that names its types,
 * loaded only when the module is on the class path, so that an application can leave the module out and lose the
 * {@code vigil.runs} and {@code vigil.guards} lines and nothing else.
 */
final class RunLogAssembly {

	private final ContentRedactor redactor;

	private RunLogAssembly(ContentRedactor redactor) {
		this.redactor = redactor;
	}

	/**
	 * Returns the module's part of a Vigil, once {@link Modules} has found the module on the class path.
	 * @param redactor how content is cut and redacted in the lines
	 */
	static RunLogAssembly assemble(ContentRedactor redactor) {
		return new RunLogAssembly(redactor);
	}

	/** The line each guard decision writes, outermost: it hears the decision first. */
	RunMiddleware guardLog() {
		return new GuardLog(this.redactor);
	}

	/** The line each run writes. */
	RunMiddleware runLog(boolean structured) {
		return new JsonRunLog(this.redactor, structured);
	}

}
