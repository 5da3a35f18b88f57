package io.github.vigil.grounding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.Capabilities;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * Checks every final answer of a run with the {@link GroundingCheck}, against the knowledge bases and the run's own
 * user messages and tool results, counts the result, and flags, reprompts or blocks as configured. Flagged answers
 * go to the review queue and the review sinks when the run ends.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class HallucinationCheck implements RunMiddleware {

	/** Check result value of an answer with no unbacked item. */
	public static final String CLEAN = "clean";

	/** Check result value of an answer with unbacked items. */
	public static final String FLAGGED = "flagged";

	private final HallucinationPolicy policy;

	private final GroundingCheck check;

	private final MeterRegistry registry;

	private final ReviewQueue reviews;

	private final ContentRedactor redactor;

	private final List<ReviewSink> sinks;

	private final Map<CounterKey, Counter> counters = new ConcurrentHashMap<>();

	/**
	 * Returns a Vigil's hallucination check, with its review queue.
	 * @param vigil the Vigil
	 * @return the check
	 * @throws IllegalStateException when the Vigil has none
	 */
	public static HallucinationCheck of(Capabilities vigil) {
		return vigil.capability(HallucinationCheck.class)
			.orElseThrow(() -> new IllegalStateException("this Vigil has no hallucination check"));
	}

	/**
	 * Creates the check.
	 * @param policy the settings
	 * @param knowledgeBases what the business knows
	 * @param registry where checks and flags are counted
	 * @param redactor how the answer excerpt of a review is made safe
	 * @param sinks where flagged answers go besides the review queue
	 */
	public HallucinationCheck(HallucinationPolicy policy, List<KnowledgeBase> knowledgeBases, MeterRegistry registry,
			ContentRedactor redactor, List<ReviewSink> sinks) {
		this.policy = policy;
		this.check = new GroundingCheck(knowledgeBases);
		this.registry = registry;
		this.reviews = new ReviewQueue(policy.reviewCapacity());
		this.redactor = redactor;
		this.sinks = List.copyOf(sinks);
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		Run run = call.run();
		// a workflow's planning decides which agent runs next: it answers no user
		if (run == null || call.nested() || run.planning()) {
			return response;
		}
		ChatModel model = call.model();
		return review(run, call.request(), response,
				(model != null) ? (retry) -> run.callModel(model, retry, ModelCall.CHAT) : null);
	}

	/**
	 * Checks the final answer of a run and acts on it.
	 * @param run the run
	 * @param request the request that produced the answer
	 * @param response the answer
	 * @param model calls the model again for {@link HallucinationAction#REPROMPT}; {@code null} when the answer
	 * cannot be replaced (streaming), which makes every action {@link HallucinationAction#FLAG}
	 * @return the response to give the caller
	 */
	public ChatResponse review(Run run, ChatRequest request, ChatResponse response,
			@Nullable Function<ChatRequest, ChatResponse> model) {
		if (!this.policy.enabled() || response.aiMessage() == null || response.aiMessage().hasToolExecutionRequests()
				|| run.fact(GroundingOutcome.class) != null) {
			return response;
		}
		try {
			String answer = response.aiMessage().text();
			Backings backings = run.state(Backings.class);
			Evidence evidence = evidence(run, request);
			List<Flag> flags = check(run, answer, evidence, backings, true);
			if (flags.isEmpty()) {
				publish(run, GroundingOutcome.CLEAN);
				return response;
			}
			HallucinationAction action = (model != null) ? this.policy.action() : HallucinationAction.FLAG;
			run.observation().event(Observation.Event.of("gen_ai.evaluation.result",
					"hallucination proxy: " + flags.size() + " unbacked item(s), " + action.value()));
			if (action == HallucinationAction.BLOCK) {
				publish(run, new GroundingOutcome(flags, action.value(), List.of(), answer));
				return ChatResponse.builder()
					.aiMessage(AiMessage.from(this.policy.blockMessage()))
					.metadata(response.metadata())
					.build();
			}
			if (action == HallucinationAction.REPROMPT) {
				List<ChatMessage> messages = new ArrayList<>(request.messages());
				messages.add(response.aiMessage());
				messages.add(UserMessage.from(reprompt(flags)));
				ChatResponse retry = model.apply(request.toBuilder().messages(messages).build());
				String retried = (retry != null && retry.aiMessage() != null) ? retry.aiMessage().text() : null;
				List<Flag> still = check(run, retried, evidence, backings, false);
				publish(run, new GroundingOutcome(flags, action.value(), still, answer));
				return (retry != null) ? retry : response;
			}
			publish(run, new GroundingOutcome(flags, action.value(), List.of(), answer));
			return response;
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("the hallucination check failed; the answer went out unchecked", ex);
		}
	}

	/**
	 * Publishes what the check found: on the run, and for a sub-agent's answer on its workflow's run as well, whose
	 * answer is its last sub-agent's, so the latest check stands for it.
	 */
	private static void publish(Run run, GroundingOutcome outcome) {
		run.fact(outcome);
		Run workflow = run.parent();
		if (workflow != null && !run.planning()) {
			workflow.fact(outcome);
		}
	}

	/**
	 * Returns the review queue.
	 * @return the flagged answers, newest first
	 */
	public ReviewQueue reviews() {
		return this.reviews;
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		GroundingOutcome grounding = record.fact(GroundingOutcome.class);
		if (grounding == null || grounding.flags().isEmpty()) {
			return;
		}
		Review review = new Review(record.runId(), record.userId(), record.agent(), record.timestamp(),
				this.redactor.apply(grounding.flaggedAnswer()), grounding.flags(), grounding.action());
		this.reviews.accept(review);
		RuntimeException failed = null;
		for (ReviewSink sink : this.sinks) {
			try {
				sink.accept(review);
			}
			catch (RuntimeException ex) {
				failed = ex;
			}
		}
		if (failed != null) {
			throw failed;
		}
	}

	private List<Flag> check(Run run, @Nullable String answer, Evidence evidence, @Nullable Backings backings,
			boolean first) {
		List<Flag> flags;
		if (backings != null) {
			GroundingCheck.Assessment assessment = this.check.assess(answer, evidence, new Evidence(backings::texts));
			flags = first ? retrievalGrounding(run, assessment, backings) : assessment.flags();
		}
		else {
			flags = this.check.check(answer, evidence);
		}
		counter(MeterNames.HALLUCINATION_CHECKS, TagKeys.RESULT, flags.isEmpty() ? CLEAN : FLAGGED, run.agent())
			.increment();
		for (Flag flag : flags) {
			counter(MeterNames.HALLUCINATION_FLAGS, TagKeys.KIND, flag.kind(), run.agent()).increment();
		}
		return flags;
	}

	/**
	 * What the run's retrievals backed of the answer, published for scorers; and when every one of them found nothing
	 * while the answer states items nothing backs, a flag for the answer as a whole.
	 */
	private List<Flag> retrievalGrounding(Run run, GroundingCheck.Assessment assessment, Backings backings) {
		int retrievals = backings.sought();
		int found = backings.found();
		List<Flag> flags = assessment.flags();
		run.fact(new RetrievalGrounding(retrievals, found, assessment.items(), assessment.backedByRetrieval()));
		if (found > 0 || flags.isEmpty()) {
			return flags;
		}
		List<Flag> all = new ArrayList<>(flags);
		all.add(new Flag(Flag.ANSWERED_WITHOUT_EVIDENCE, retrievals + ((retrievals == 1) ? " retrieval" : " retrievals")
				+ " found nothing", "the answer states " + flags.size() + ((flags.size() == 1) ? " item" : " items")
						+ " nothing backs, and every retrieval of the run came back empty"));
		return all;
	}

	/**
	 * Takes what a step brought into its run as evidence for the run's answers, and for its workflow's.
	 */
	@Override
	public void stepEnded(Step step) {
		Backing backing = step.fact(Backing.class);
		Run run = step.run();
		if (backing == null || run == null) {
			return;
		}
		run.state(Backings.class, Backings::new).add(backing);
		Run workflow = run.parent();
		if (workflow != null) {
			workflow.state(Backings.class, Backings::new).add(backing);
		}
	}

	/** What a run's steps brought in, read when an answer needs it, bounded like the evidence. */
	private static final class Backings {

		private final List<Backing> backings = new ArrayList<>();

		synchronized void add(Backing backing) {
			this.backings.add(backing);
		}

		List<String> texts() {
			List<Backing> all;
			synchronized (this) {
				all = List.copyOf(this.backings);
			}
			List<String> texts = new ArrayList<>();
			int chars = 0;
			for (Backing backing : all) {
				for (String text : backing.texts()) {
					if (chars >= Evidence.MAX_CHARS) {
						return texts;
					}
					texts.add(text);
					chars += text.length();
				}
			}
			return texts;
		}

		synchronized int sought() {
			return this.backings.size();
		}

		synchronized int found() {
			return (int) this.backings.stream().filter(Backing::found).count();
		}

	}

	private Counter counter(String name, String key, String value, String agent) {
		CounterKey counterKey = new CounterKey(name, value, agent);
		Counter counter = this.counters.get(counterKey);
		return (counter != null) ? counter : this.counters.computeIfAbsent(counterKey, (k) -> Counter.builder(name)
			.description(MeterNames.HALLUCINATION_FLAGS.equals(name) ? "Unbacked items in agents' answers"
					: "Answers checked by the hallucination proxy")
			.tag(key, value)
			.tag(TagKeys.AGENT_NAME, agent)
			.register(this.registry));
	}

	/**
	 * In a multi-agent workflow, every sub-agent's tool results back the answers: kept in the workflow's state as
	 * they come, bounded like the evidence itself.
	 */
	@Override
	public dev.langchain4j.service.tool.ToolExecutionResult afterToolCall(io.github.vigil.run.ToolCall call,
			dev.langchain4j.service.tool.ToolExecutionResult result) {
		Run run = call.run();
		if (run != null && run.parent() != null && call.resultText() != null) {
			run.state(WorkflowResults.class, WorkflowResults::new).add(call.resultText());
		}
		return result;
	}

	/** The tool results of a workflow's sub-agents so far. */
	private static final class WorkflowResults {

		private final List<String> texts = new ArrayList<>();

		private int chars;

		synchronized void add(String text) {
			if (this.chars < Evidence.MAX_CHARS) {
				this.texts.add(text);
				this.chars += text.length();
			}
		}

		synchronized List<String> texts() {
			return List.copyOf(this.texts);
		}

	}

	private static Evidence evidence(Run run, ChatRequest request) {
		WorkflowResults workflow = (run.parent() != null) ? run.state(WorkflowResults.class) : null;
		return new Evidence(() -> {
			List<String> texts = new ArrayList<>();
			if (workflow != null) {
				texts.addAll(workflow.texts());
			}
			for (ChatMessage message : request.messages()) {
				if (message instanceof UserMessage user) {
					texts.add(user.hasSingleText() ? user.singleText() : String.valueOf(user.contents()));
				}
				else if (message instanceof ToolExecutionResultMessage result && result.text() != null) {
					texts.add(result.text());
				}
			}
			return texts;
		});
	}

	static String reprompt(List<Flag> flags) {
		return "Your answer contains items that could not be verified against our records or the tool results: "
				+ flags.stream()
					.filter((flag) -> !Flag.ANSWERED_WITHOUT_EVIDENCE.equals(flag.kind()))
					.map((flag) -> flag.kind() + " " + flag.value())
					.collect(Collectors.joining(", "))
				+ ". Answer again using only information from this conversation and the tool results; leave out "
				+ "any link, price, name or identifier you cannot verify.";
	}

	private record CounterKey(String name, String value, String agent) {
	}

}
