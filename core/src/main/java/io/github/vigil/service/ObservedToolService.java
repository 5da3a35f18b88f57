package io.github.vigil.service;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecution;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolService;
import dev.langchain4j.service.tool.ToolServiceContext;
import dev.langchain4j.service.tool.search.ToolSearchStrategy;
import io.github.vigil.Vigil;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Run;
import io.github.vigil.tool.ObservedToolExecutor;
import io.github.vigil.tool.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * The AI service's {@link ToolService}, with every tool executor of each invocation observed, and calls to tools
 * the model invented recorded as {@code _unknown}. Tools added while a run goes on, by a dynamic {@link ToolProvider}
 * or a tool search, are seen only after they ran, through LangChain4j's after-tool hook, which is installed for such
 * services alone: they are recorded, classified and counted by the guards (a loop they trip ends the run before its
 * next model call), without a span. Everything else is LangChain4j's own behaviour.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ObservedToolService extends ToolService {

	private static final int MAX_OBSERVED_EXECUTORS = 1_000;

	private final ObservedAiServiceContext context;

	private final Map<ToolExecutor, ToolExecutor> observed = new ConcurrentHashMap<>();

	/** The last context observed: most services offer the same tools on every invocation, so it is reused. */
	private volatile @Nullable ObservedContext last;

	/** Requests for tools the model invented, recorded as {@code _unknown} and not again by the after-tool hook. */
	private final Set<ToolExecutionRequest> invented = Collections
		.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));

	private volatile boolean toolsAddedDuringRuns;

	private volatile @Nullable Consumer<ToolExecution> userAfterToolExecution;

	ObservedToolService(ObservedAiServiceContext context) {
		this.context = context;
	}

	@Override
	public void toolProvider(ToolProvider toolProvider) {
		super.toolProvider(toolProvider);
		if (toolProvider != null && toolProvider.isDynamic()) {
			watchToolsAddedDuringRuns();
		}
	}

	@Override
	public void toolProviders(Collection<ToolProvider> toolProviders) {
		super.toolProviders(toolProviders);
		if (toolProviders != null
				&& toolProviders.stream().anyMatch((provider) -> provider != null && provider.isDynamic())) {
			watchToolsAddedDuringRuns();
		}
	}

	@Override
	public void toolSearchStrategy(ToolSearchStrategy toolSearchStrategy) {
		super.toolSearchStrategy(toolSearchStrategy);
		watchToolsAddedDuringRuns();
	}

	@Override
	public void afterToolExecution(Consumer<ToolExecution> afterToolExecution) {
		this.userAfterToolExecution = afterToolExecution;
		super.afterToolExecution(this.toolsAddedDuringRuns ? this::afterToolExecuted : afterToolExecution);
	}

	@Override
	public @Nullable Consumer<ToolExecution> afterToolExecution() {
		return this.userAfterToolExecution;
	}

	private void watchToolsAddedDuringRuns() {
		this.toolsAddedDuringRuns = true;
		super.afterToolExecution(this::afterToolExecuted);
	}

	private void afterToolExecuted(ToolExecution execution) {
		Vigil vigil = this.context.vigil();
		if (vigil != null) {
			try {
				recordIfAddedDuringRun(vigil, execution);
			}
			catch (RuntimeException ex) {
				vigil.failures().record("tool-call", ex);
			}
		}
		Consumer<ToolExecution> user = this.userAfterToolExecution;
		if (user != null) {
			user.accept(execution);
		}
	}

	private void recordIfAddedDuringRun(Vigil vigil, ToolExecution execution) {
		ToolExecutionRequest request = execution.request();
		if (this.invented.remove(request)) {
			return;
		}
		InvocationContext invocation = execution.invocationContext();
		Run run = (invocation != null && invocation.invocationId() != null)
				? vigil.runs().get(invocation.invocationId()) : null;
		String tool = request.name();
		if (run == null || tool == null || run.offered(tool)) {
			return;
		}
		guard(vigil, run, tool, request);
		Duration duration = execution.duration();
		vigil.toolCalls().recordFinished(tool, request, run, ToolExecutionResult.builder()
			.isError(execution.hasFailed())
			.resultText((execution.result() != null) ? execution.result() : "")
			.build(), (duration != null) ? duration.toNanos() : 0);
	}

	@Override
	public ToolServiceContext createContext(InvocationContext invocationContext, UserMessage userMessage,
			List<ChatMessage> messages) {
		ToolServiceContext toolContext = super.createContext(invocationContext, userMessage, messages);
		Vigil vigil = this.context.vigil();
		if (vigil == null || toolContext == null) {
			return toolContext;
		}
		if (this.toolsAddedDuringRuns && invocationContext != null && invocationContext.invocationId() != null) {
			Run run = vigil.runs().get(invocationContext.invocationId());
			if (run != null) {
				run.offeredTools(toolContext.toolExecutors().keySet());
			}
		}
		if (toolContext.toolExecutors().isEmpty()) {
			return toolContext;
		}
		ObservedContext last = this.last;
		if (last != null && last.vigil() == vigil && sameTools(last.original(), toolContext)) {
			return last.observed();
		}
		Map<String, ToolExecutor> executors = new HashMap<>(toolContext.toolExecutors().size() * 2);
		toolContext.toolExecutors().forEach((name, executor) -> executors.put(name, observe(vigil, name, executor)));
		ToolServiceContext observedContext = toolContext.toBuilder().toolExecutors(executors).build();
		this.last = new ObservedContext(vigil, toolContext, observedContext);
		return observedContext;
	}

	/**
	 * Whether two contexts offer the very same tools: the same specifications, executors and providers (by identity)
	 * and the same return behaviours.
	 */
	private static boolean sameTools(ToolServiceContext a, ToolServiceContext b) {
		return sameElements(a.effectiveTools(), b.effectiveTools())
				&& sameElements(a.availableTools(), b.availableTools())
				&& sameElements(a.dynamicToolProviders(), b.dynamicToolProviders())
				&& a.returnBehaviors().equals(b.returnBehaviors()) && sameValues(a.toolExecutors(), b.toolExecutors());
	}

	private static boolean sameElements(@Nullable List<?> a, @Nullable List<?> b) {
		if (a == null || b == null) {
			return a == b;
		}
		if (a.size() != b.size()) {
			return false;
		}
		for (int i = 0; i < a.size(); i++) {
			if (a.get(i) != b.get(i)) {
				return false;
			}
		}
		return true;
	}

	private static boolean sameValues(Map<String, ToolExecutor> a, Map<String, ToolExecutor> b) {
		if (a.size() != b.size()) {
			return false;
		}
		for (Map.Entry<String, ToolExecutor> entry : a.entrySet()) {
			if (b.get(entry.getKey()) != entry.getValue()) {
				return false;
			}
		}
		return true;
	}

	@Override
	public ToolExecutionResult applyToolHallucinationStrategy(ToolExecutionRequest request) {
		Vigil vigil = this.context.vigil();
		if (vigil == null) {
			return super.applyToolHallucinationStrategy(request);
		}
		if (this.toolsAddedDuringRuns) {
			if (this.invented.size() > MAX_OBSERVED_EXECUTORS) {
				// requests whose after-tool hook never came (the strategy threw) must not accumulate
				this.invented.clear();
			}
			this.invented.add(request);
		}
		ToolCall call = vigil.toolCalls().start(TagKeys.TOOL_UNKNOWN, request, this.context.agent());
		ToolExecutionResult result;
		try {
			result = super.applyToolHallucinationStrategy(request);
		}
		catch (RuntimeException | Error ex) {
			call.failed(ex);
			throw ex;
		}
		call.returned(ToolExecutionResult.builder()
			.isError(true)
			.resultText((result.resultText() != null) ? result.resultText() : "")
			.build());
		return result;
	}

	private ToolExecutor observe(Vigil vigil, String name, ToolExecutor executor) {
		if (executor instanceof ObservedToolExecutor) {
			return executor;
		}
		if (this.observed.size() > MAX_OBSERVED_EXECUTORS) {
			// tool providers that build new executors on every call must not grow the cache without end
			this.observed.clear();
		}
		return this.observed.computeIfAbsent(executor, (original) -> new ObservedToolExecutor(original, name,
				vigil.toolCalls(), vigil.runs(), (run, request) -> guard(vigil, run, name, request)));
	}

	private record ObservedContext(Vigil vigil, ToolServiceContext original, ToolServiceContext observed) {
	}

	private static @Nullable ToolExecutionResult guard(Vigil vigil, Run run, String tool,
			ToolExecutionRequest request) {
		try {
			return vigil.guards().beforeToolCall(run, tool, request);
		}
		catch (RuntimeException ex) {
			vigil.failures().record("guard", ex);
			return null;
		}
	}

}
