package io.github.vigil;

/**
 * Whether a capability module is on the class path: a Vigil assembles what it finds and nothing else, so that an
 * application can leave a module out and lose that capability only.
 */
final class Modules {

	/** Whether {@code vigil-alerts} is on the class path. */
	static final boolean ALERTS = present("io.github.vigil.alert.AlertEvaluator");

	/** Whether {@code vigil-cost} is on the class path. */
	static final boolean COST = present("io.github.vigil.cost.CostMeter");

	/** Whether {@code vigil-evals} is on the class path. */
	static final boolean EVALS = present("io.github.vigil.eval.OnlineScoring");

	/** Whether {@code vigil-grounding} is on the class path. */
	static final boolean GROUNDING = present("io.github.vigil.grounding.HallucinationCheck");

	/** Whether {@code vigil-guardrails} is on the class path. */
	static final boolean GUARDRAILS = present("io.github.vigil.guardrail.Guardrails");

	/** Whether {@code vigil-guards} is on the class path. */
	static final boolean GUARDS = present("io.github.vigil.guard.LoopGuard");

	/** Whether {@code vigil-retrieval} is on the class path. */
	static final boolean RETRIEVAL = present("io.github.vigil.retrieval.Retrievals");

	/** Whether {@code vigil-run-log} is on the class path. */
	static final boolean RUN_LOG = present("io.github.vigil.log.JsonRunLog");

	/** Whether {@code vigil-store} is on the class path. */
	static final boolean STORE = present("io.github.vigil.store.RunRecorder");

	/** Whether {@code vigil-telemetry} is on the class path. */
	static final boolean TELEMETRY = present("io.github.vigil.observation.Telemetry");

	private Modules() {
	}

	/**
	 * Tells whether the module holding a class is on the class path, without loading the class's dependencies.
	 * @param moduleClass a class of the module
	 * @return whether it is
	 */
	static boolean present(String moduleClass) {
		try {
			Class.forName(moduleClass, false, Modules.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
