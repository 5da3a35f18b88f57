package io.github.vigil.run;

import java.util.Optional;

/**
 * What a Vigil offers beyond its kernel, found by type: a module's entry point (triage over the run store, evals,
 * the alert evaluator, the hallucination check) is there when the module is on the class path and turned on. Each
 * module reads its own with a static {@code of(Capabilities)}, such as {@code Triage.of(vigil)}, so that the kernel
 * never names a capability's type and an application can leave the module out.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Capabilities {

	/**
	 * Returns the capability of the given type.
	 * @param type the capability's type
	 * @param <T> the type
	 * @return the capability, empty when its module is left out or turned off
	 */
	<T> Optional<T> capability(Class<T> type);

}
