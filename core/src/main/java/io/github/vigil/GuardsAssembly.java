package io.github.vigil;

import java.util.List;

import dev.langchain4j.model.chat.ChatModel;
import io.github.vigil.guard.BudgetGuard;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.ContextWindowGuard;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.guard.LoopGuard;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The guards module ({@code vigil-guards}) in a {@link Vigil}: the only class of the assembly that names its types,
 * loaded only when the module is on the class path, so that an application can leave the module out and lose the loop
 * kill-switch, the budgets and the context-window guard and nothing else.
 */
final class GuardsAssembly {

	private GuardsAssembly() {
	}

	/**
	 * The guards, in the order they run: the loop guard, the budgets, the context-window guard.
	 * @param loop a {@code LoopPolicy}, {@code null} for its defaults
	 * @param budget a {@code BudgetPolicy}, {@code null} for its defaults
	 * @param contextWindow a {@code ContextWindowPolicy}, {@code null} for its defaults
	 * @param summarizer the model the context-window guard summarizes with, {@code null} for the run's own
	 */
	static List<RunMiddleware> guards(@Nullable Object loop, @Nullable Object budget, @Nullable Object contextWindow,
			@Nullable ChatModel summarizer, MeterRegistry registry) {
		return List.of(new LoopGuard((loop != null) ? (LoopPolicy) loop : LoopPolicy.defaults()),
				new BudgetGuard((budget != null) ? (BudgetPolicy) budget : BudgetPolicy.defaults(), registry),
				new ContextWindowGuard(
						(contextWindow != null) ? (ContextWindowPolicy) contextWindow : ContextWindowPolicy.defaults(),
						summarizer, registry));
	}

}
