package io.github.vigil.guard;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.Usage;
import io.github.vigil.run.RunMiddleware;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a run's requests under the model's context window. The size of a request is the provider-reported input
 * and output tokens of the previous call in the same conversation plus an estimate of the messages added since, or
 * a full estimate. At the threshold it summarizes the oldest part of the conversation into chat memory, or trims
 * the oldest messages, never separating a tool request from its results. The size the provider reported last is
 * kept per conversation, so the next run of the same conversation starts from it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ContextWindowGuard implements RunMiddleware {

	static final String SUMMARY_INSTRUCTION = "Summarize the conversation below for the assistant who will continue "
			+ "it. Keep every fact the user gave or the tools returned (names, order ids, amounts, dates, decisions) "
			+ "and what is still open. Be concise; answer with the summary only.";

	static final String SUMMARY_REQUEST = "Summarize our conversation so far.";

	static final String SUMMARY_PREFIX = "Summary of the conversation so far: ";

	private static final int MAX_CONVERSATIONS = 10_000;

	private static final double[] UTILIZATION_BUCKETS = { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.25,
			1.5, 2.0 };

	private final ContextWindowPolicy policy;

	private final ContextWindows windows;

	private final TokenEstimates estimates = new TokenEstimates();

	private final MeterRegistry registry;

	private final Map<String, DistributionSummary> utilization = new ConcurrentHashMap<>();

	private final Map<String, ConversationSize> reported = Collections.synchronizedMap(
			new LinkedHashMap<>(64, 0.75f, true) {
				@Override
				protected boolean removeEldestEntry(Map.Entry<String, ConversationSize> eldest) {
					return size() > MAX_CONVERSATIONS;
				}
			});

	private final @Nullable ChatModel summarizer;

	/**
	 * Creates the guard.
	 * @param policy its policy
	 * @param summarizer the model that writes summaries, {@code null} for the run's own chat model (a streaming
	 * run without it is trimmed instead)
	 * @param registry where the context utilization of requests is recorded
	 */
	public ContextWindowGuard(ContextWindowPolicy policy, @Nullable ChatModel summarizer, MeterRegistry registry) {
		this.policy = policy;
		this.windows = new ContextWindows(policy.windows(), policy.defaultWindow());
		this.summarizer = summarizer;
		this.registry = registry;
	}

	@Override
	public @Nullable ChatResponse beforeModelCall(ModelCall call) {
		Run run = call.run();
		if (run == null || call.nested() || !this.policy.enabled()) {
			return null;
		}
		String model = call.requestModel();
		ChatModel writer = (this.summarizer != null) ? this.summarizer : call.model();
		Outcome outcome = check(run, call.request(), model,
				(writer != null) ? (summaryRun, summary) -> summaryRun.callModel(writer, summary, TagKeys.OPERATION_SUMMARIZE)
						: null);
		call.request(outcome.request());
		if (outcome.action() != null) {
			long percent = Math.round(outcome.utilization() * 100);
			run.trip(new GuardTrip(GuardNames.CONTEXT_WINDOW, "threshold", null, percent, null, outcome.action(),
					"request at " + percent + "% of the context window of " + model));
			if (outcome.overWindow()) {
				run.end(new GuardTrip(GuardNames.CONTEXT_WINDOW, "window", null, percent, null, "",
						"request still larger than the context window"), GuardAction.END, LoopPolicy.DEFAULT_MESSAGE);
			}
		}
		return null;
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		Run run = call.run();
		if (run != null && !call.nested() && this.policy.enabled()) {
			observe(run, call.request(), call.usage());
		}
		return response;
	}

	/** Writes a summary of a conversation, as a step of the run. */
	@FunctionalInterface
	interface Summarizer {

		@Nullable ChatResponse summarize(Run run, ChatRequest request);

	}

	/**
	 * Checks a request and, at the threshold, acts on it.
	 * @return the request to send, what was done, and whether it still exceeds the window
	 */
	Outcome check(Run run, ChatRequest request, @Nullable String model, @Nullable Summarizer summarizer) {
		if (!this.policy.enabled()) {
			return new Outcome(request, null, 0, false);
		}
		int window = this.windows.windowOf(model);
		long used = size(run, request, model);
		double ratio = (double) used / window;
		utilization(run.agent()).record(ratio);
		long limit = (long) Math.floor(this.policy.threshold() * window);
		if (used < limit) {
			return new Outcome(request, null, ratio, false);
		}
		if (this.policy.action() == ContextAction.WARN) {
			return new Outcome(request, "warned", ratio, used > window);
		}
		ChatMemory memory = run.memory();
		if (this.policy.action() == ContextAction.SUMMARIZE && memory != null && summarizer != null) {
			ChatRequest summarized = summarize(run, request, memory, model, summarizer);
			if (summarized != null) {
				long after = fullSize(summarized, model);
				if (after < limit) {
					forget(run);
					return new Outcome(summarized, "summarized", ratio, false);
				}
				request = summarized;
			}
		}
		ChatRequest trimmed = trim(request, model, limit, memory);
		forget(run);
		return new Outcome(trimmed, "trimmed", ratio, fullSize(trimmed, model) > window);
	}

	/**
	 * Remembers what the provider reported for a call, to size the conversation's next request: the same validated
	 * usage the budgets count, so that usage that is missing or cannot be true never sizes a request.
	 */
	void observe(Run run, ChatRequest request, Usage usage) {
		if (!usage.reported()) {
			return;
		}
		long tokens = usage.totalInput() + usage.output();
		ConversationSize size = new ConversationSize(request.messages().size() + 1, tokens);
		run.ownState(ReportedSize.class, ReportedSize::new).size = size;
		if (run.memoryId() != null) {
			this.reported.put(run.memoryId(), size);
		}
	}

	private long size(Run run, ChatRequest request, @Nullable String model) {
		List<ChatMessage> messages = request.messages();
		ReportedSize reportedSize = run.ownState(ReportedSize.class);
		ConversationSize known = (reportedSize != null) ? reportedSize.size : null;
		if (known == null && run.memoryId() != null) {
			known = this.reported.get(run.memoryId());
		}
		if (known != null && messages.size() >= known.messages()) {
			return known.tokens() + this.estimates.messages(messages.subList(known.messages(), messages.size()), model);
		}
		return fullSize(request, model);
	}

	private long fullSize(ChatRequest request, @Nullable String model) {
		return this.estimates.messages(request.messages(), model) + this.estimates.tools(request.toolSpecifications());
	}

	private void forget(Run run) {
		ReportedSize reportedSize = run.ownState(ReportedSize.class);
		if (reportedSize != null) {
			reportedSize.size = null;
		}
		if (run.memoryId() != null) {
			this.reported.remove(run.memoryId());
		}
	}

	/**
	 * Replaces the oldest part of the conversation in memory with a summary, keeping the system message and at
	 * least the most recent messages from a user message on.
	 * @return the request to send instead, or {@code null} when nothing could be summarized
	 */
	private @Nullable ChatRequest summarize(Run run, ChatRequest request, ChatMemory memory, @Nullable String model,
			Summarizer summarizer) {
		List<ChatMessage> stored = memory.messages();
		List<ChatMessage> sent = request.messages();
		if (sent.size() < stored.size() || !sent.subList(0, stored.size()).equals(stored)) {
			return null;
		}
		int offset = (!stored.isEmpty() && stored.get(0) instanceof SystemMessage) ? 1 : 0;
		int boundary = stored.size() - this.policy.keepRecentMessages();
		while (boundary > offset && !(stored.get(boundary) instanceof UserMessage)) {
			boundary--;
		}
		if (boundary <= offset) {
			return null;
		}
		String summary;
		try {
			ChatResponse response = summarizer.summarize(run, ChatRequest.builder()
				.messages(SystemMessage.from(SUMMARY_INSTRUCTION),
						UserMessage.from(transcript(stored.subList(offset, boundary), this.windows.windowOf(model))))
				.build());
			summary = (response != null && response.aiMessage() != null) ? response.aiMessage().text() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
		if (summary == null || summary.isBlank()) {
			return null;
		}
		List<ChatMessage> updated = new ArrayList<>(stored.size() - boundary + offset + 2);
		updated.addAll(stored.subList(0, offset));
		updated.add(UserMessage.from(SUMMARY_REQUEST));
		updated.add(AiMessage.from(SUMMARY_PREFIX + summary));
		updated.addAll(stored.subList(boundary, stored.size()));
		memory.set(updated);
		List<ChatMessage> toSend = new ArrayList<>(updated);
		toSend.addAll(sent.subList(stored.size(), sent.size()));
		return request.toBuilder().messages(toSend).build();
	}

	/**
	 * Drops the oldest messages, a tool request together with its results, until the request is under the limit;
	 * the system message, the last user message and the last exchange always stay.
	 */
	private ChatRequest trim(ChatRequest request, @Nullable String model, long limit, @Nullable ChatMemory memory) {
		List<ChatMessage> messages = request.messages();
		int offset = (!messages.isEmpty() && messages.get(0) instanceof SystemMessage) ? 1 : 0;
		List<List<ChatMessage>> units = units(messages.subList(offset, messages.size()));
		int lastUser = -1;
		for (int i = units.size() - 1; i >= 0 && lastUser < 0; i--) {
			if (units.get(i).get(0) instanceof UserMessage) {
				lastUser = i;
			}
		}
		long[] sizes = new long[units.size()];
		long total = 3 + this.estimates.tools(request.toolSpecifications());
		if (offset == 1) {
			total += this.estimates.message(messages.get(0), model);
		}
		for (int i = 0; i < units.size(); i++) {
			for (ChatMessage message : units.get(i)) {
				sizes[i] += this.estimates.message(message, model);
			}
			total += sizes[i];
		}
		boolean[] dropped = new boolean[units.size()];
		for (int i = 0; i < units.size() - 1 && total >= limit; i++) {
			if (i != lastUser) {
				dropped[i] = true;
				total -= sizes[i];
			}
		}
		List<ChatMessage> kept = new ArrayList<>(messages.subList(0, offset));
		for (int i = 0; i < units.size(); i++) {
			if (!dropped[i]) {
				kept.addAll(units.get(i));
			}
		}
		if (memory != null) {
			List<ChatMessage> stored = memory.messages();
			if (stored.equals(messages)) {
				memory.set(kept);
			}
		}
		return request.toBuilder().messages(kept).build();
	}

	/** Groups messages so that an AI message asking for tools and the tools' results form one unit. */
	private static List<List<ChatMessage>> units(List<ChatMessage> messages) {
		List<List<ChatMessage>> units = new ArrayList<>();
		for (ChatMessage message : messages) {
			if (message instanceof ToolExecutionResultMessage && !units.isEmpty()) {
				List<ChatMessage> last = units.get(units.size() - 1);
				if (last.get(0) instanceof AiMessage ai && ai.hasToolExecutionRequests()) {
					last.add(message);
					continue;
				}
			}
			List<ChatMessage> unit = new ArrayList<>(2);
			unit.add(message);
			units.add(unit);
		}
		return units;
	}

	private static String transcript(List<ChatMessage> messages, int window) {
		int maxChars = window * TokenEstimates.CHARS_PER_TOKEN / 2;
		StringBuilder out = new StringBuilder();
		for (ChatMessage message : messages) {
			if (message instanceof UserMessage user) {
				out.append("User: ").append(user.hasSingleText() ? user.singleText() : String.valueOf(user.contents()));
			}
			else if (message instanceof AiMessage ai) {
				out.append("Assistant: ").append((ai.text() != null) ? ai.text() : "");
				if (ai.hasToolExecutionRequests()) {
					ai.toolExecutionRequests()
						.forEach((call) -> out.append(" [calls ").append(call.name()).append(' ')
							.append(call.arguments()).append(']'));
				}
			}
			else if (message instanceof ToolExecutionResultMessage result) {
				out.append("Tool ").append(result.toolName()).append(" returned: ").append(result.text());
			}
			else {
				continue;
			}
			out.append('\n');
			if (out.length() > maxChars) {
				out.setLength(maxChars);
				break;
			}
		}
		return out.toString();
	}

	private DistributionSummary utilization(String agent) {
		return this.utilization.computeIfAbsent(agent, (key) -> DistributionSummary.builder(MeterNames.CONTEXT_UTILIZATION)
			.description("Share of the model's context window each request of a run uses, before the guard acts")
			.tag(TagKeys.AGENT_NAME, key)
			.serviceLevelObjectives(UTILIZATION_BUCKETS)
			.register(this.registry));
	}

	/**
	 * What the guard did to a request.
	 *
	 * @param request the request to send
	 * @param action {@code summarized}, {@code trimmed} or {@code warned}, or {@code null} when it did nothing
	 * @param utilization the request's utilization before the guard acted
	 * @param overWindow whether the request to send still exceeds the window
	 */
	/** What the provider last reported about the size of the run's conversation. */
	private static final class ReportedSize {

		volatile @Nullable ConversationSize size;

	}

	record Outcome(ChatRequest request, @Nullable String action, double utilization, boolean overWindow) {
	}

}
