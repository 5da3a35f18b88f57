package io.github.vigil.internal;

import java.util.Objects;
import java.util.function.BiConsumer;

import dev.langchain4j.invocation.InvocationContext;
import io.github.vigil.internal.Chain.Hook;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Run;
import io.github.vigil.run.Step;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.Steps;
import org.jspecify.annotations.Nullable;

/**
 * Steps of other kinds than model and tool calls, started by the integrations that see them, through the chain.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class OtherSteps implements Steps {

	private final RunRegistry registry;

	private final Chain chain;

	private final BiConsumer<@Nullable ActiveRun, Throwable> thrown;

	OtherSteps(RunRegistry registry, Chain chain, BiConsumer<@Nullable ActiveRun, Throwable> thrown) {
		this.registry = registry;
		this.chain = chain;
		this.thrown = thrown;
	}

	@Override
	public @Nullable Run run(@Nullable InvocationContext invocation) {
		return (invocation != null) ? this.registry.get(invocation.invocationId()) : null;
	}

	@Override
	public OpenStep start(@Nullable Run run, StepKind kind, String name) {
		return start((run instanceof ActiveRun active) ? active : null, null, kind, name);
	}

	@Override
	public OpenStep startInside(Step parent, StepKind kind, String name) {
		Objects.requireNonNull(parent, "parent must not be null");
		return start((parent.run() instanceof ActiveRun active) ? active : null, parent, kind, name);
	}

	private OpenStep start(@Nullable ActiveRun run, @Nullable Step parent, StepKind kind, String name) {
		Objects.requireNonNull(kind, "kind must not be null");
		Objects.requireNonNull(name, "name must not be null");
		GenericStep step = new GenericStep(run, parent, this.chain, this.thrown, kind, name);
		this.chain.forward(Hook.STEP_STARTED, (middleware) -> middleware.stepStarted(step));
		return step;
	}

}
