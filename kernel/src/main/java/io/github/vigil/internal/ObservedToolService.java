package io.github.vigil.internal;

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
import dev.langchain4j.service.tool.BeforeToolExecution;
import dev.langchain4j.service.tool.ToolExecution;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolService;
import dev.langchain4j.service.tool.ToolServiceContext;
import dev.langchain4j.service.tool.search.ToolSearchStrategy;
import io.github.vigil.run.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * The AI service's {@link ToolService}, with every tool executor of each invocation observed, and calls to tools
 * the model invented recorded as {@code _unknown} steps of their run (found through LangChain4j's before-tool hook,
 * which runs on the thread that then applies the hallucination strategy, and is composed with the user's own). Tools added while a run goes on, by a dynamic {@link ToolProvider}
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

	private volatile @Nullable Consumer<BeforeToolExecution> userBeforeToolExecution;

	/** The invocation of the tool call about to run on this thread, for a tool the model may have invented. */
	private static final ThreadLocal<@Nullable InvocationContext> invocationOfNextTool = new ThreadLocal<>();

	ObservedToolService(ObservedAiServiceContext context) {
		this.context = context;
		super.beforeToolExecution(this::beforeToolExecuted);
	}

	@Override
	public void beforeToolExecution(Consumer<BeforeToolExecution> beforeToolExecution) {
		this.userBeforeToolExecution = beforeToolExecution;
	}

	@Override
	public @Nullable Consumer<BeforeToolExecution> beforeToolExecution() {
		return this.userBeforeToolExecution;
	}

	private void beforeToolExecuted(BeforeToolExecution before) {
		Consumer<BeforeToolExecution> user = this.userBeforeToolExecution;
		if (user != null) {
			user.accept(before);
		}
		if (this.context.pipeline() != null) {
			invocationOfNextTool.set(before.invocationContext());
		}
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
		Pipeline pipeline = this.context.pipeline();
		if (pipeline != null) {
			try {
				recordIfAddedDuringRun(pipeline, execution);
			}
			catch (RuntimeException ex) {
				pipeline.failures().record("tool-call", ex);
			}
		}
		Consumer<ToolExecution> user = this.userAfterToolExecution;
		if (user != null) {
			user.accept(execution);
		}
	}

	private void recordIfAddedDuringRun(Pipeline pipeline, ToolExecution execution) {
		ToolExecutionRequest request = execution.request();
		if (this.invented.remove(request)) {
			return;
		}
		InvocationContext invocation = execution.invocationContext();
		ActiveRun run = (invocation != null) ? pipeline.registry().get(invocation.invocationId()) : null;
		String tool = request.name();
		if (run == null || tool == null) {
			return;
		}
		OfferedTools offered = run.state(OfferedTools.class);
		if (offered == null || offered.names().contains(tool)) {
			return;
		}
		Duration duration = execution.duration();
		pipeline.toolCalls().seenAfter(run, tool, request, ToolExecutionResult.builder()
			.isError(execution.hasFailed())
			.resultText((execution.result() != null) ? execution.result() : "")
			.build(), (duration != null) ? duration.toNanos() : 0);
	}

	@Override
	public ToolServiceContext createContext(InvocationContext invocationContext, UserMessage userMessage,
			List<ChatMessage> messages) {
		ToolServiceContext toolContext = super.createContext(invocationContext, userMessage, messages);
		Pipeline pipeline = this.context.pipeline();
		if (pipeline == null || toolContext == null) {
			return toolContext;
		}
		if (this.toolsAddedDuringRuns && invocationContext != null) {
			ActiveRun run = pipeline.registry().get(invocationContext.invocationId());
			if (run != null) {
				Set<String> names = Set.copyOf(toolContext.toolExecutors().keySet());
				run.state(OfferedTools.class, () -> new OfferedTools(names));
			}
		}
		if (toolContext.toolExecutors().isEmpty()) {
			return toolContext;
		}
		ObservedContext last = this.last;
		if (last != null && last.pipeline() == pipeline && sameTools(last.original(), toolContext)) {
			return last.observed();
		}
		Map<String, ToolExecutor> executors = new HashMap<>(toolContext.toolExecutors().size() * 2);
		toolContext.toolExecutors()
			.forEach((name, executor) -> executors.put(name, observe(pipeline, name, executor)));
		ToolServiceContext observedContext = toolContext.toBuilder().toolExecutors(executors).build();
		this.last = new ObservedContext(pipeline, toolContext, observedContext);
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
		Pipeline pipeline = this.context.pipeline();
		InvocationContext invocation = invocationOfNextTool.get();
		invocationOfNextTool.remove();
		if (pipeline == null) {
			return super.applyToolHallucinationStrategy(request);
		}
		if (this.toolsAddedDuringRuns) {
			if (this.invented.size() > MAX_OBSERVED_EXECUTORS) {
				// requests whose after-tool hook never came (the strategy threw) must not accumulate
				this.invented.clear();
			}
			this.invented.add(request);
		}
		ActiveRun run = (invocation != null) ? pipeline.registry().get(invocation.invocationId()) : null;
		return pipeline.toolCalls().execute(run, ToolCall.UNKNOWN_TOOL, request, true, super::applyToolHallucinationStrategy);
	}

	private ToolExecutor observe(Pipeline pipeline, String name, ToolExecutor executor) {
		if (executor instanceof ObservedToolExecutor) {
			return executor;
		}
		if (this.observed.size() > MAX_OBSERVED_EXECUTORS) {
			// tool providers that build new executors on every call must not grow the cache without end
			this.observed.clear();
		}
		return this.observed.computeIfAbsent(executor,
				(original) -> new ObservedToolExecutor(original, name, pipeline));
	}

	private record ObservedContext(Pipeline pipeline, ToolServiceContext original, ToolServiceContext observed) {
	}

	/** The tools an AI service offered when a run began, each behind an observed executor. */
	private record OfferedTools(Set<String> names) {
	}

}
