package io.github.vigil.run;

import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import dev.langchain4j.memory.ChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * A run in flight, as middleware see it: one call of an AI-service method, from its start to its one run record.
 * Steps may finish on other threads (streaming, concurrent tools); every method is safe to call from any of them.
 * <p>
 * Each middleware keeps what it needs per run in {@linkplain #state(Class, Supplier) state of its own type}, which
 * no other middleware sees unless it knows the type.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Run {

	/** The user id of a run whose user is not known. */
	String ANONYMOUS = "anonymous";

	/**
	 * Returns the run id the run log shows: the caller's, given as an invocation parameter, else LangChain4j's
	 * invocation id.
	 * @return the run id
	 */
	String runId();

	/**
	 * Returns the agent name: the AI-service interface's simple name.
	 * @return the agent
	 */
	String agent();

	/**
	 * Returns the AI-service interface's full name, the one replay finds the service by.
	 * @return the interface name
	 */
	String service();

	/**
	 * Returns the name of the AI-service method called.
	 * @return the method name, empty when not known
	 */
	String method();

	/**
	 * Returns the user the run serves: the invocation parameter, else the chat memory id, else {@code anonymous}.
	 * @return the user id
	 */
	String userId();

	/**
	 * Returns the chat memory id.
	 * @return the id, or {@code null} when the service has no memory per user
	 */
	@Nullable String memoryId();

	/**
	 * Returns the user message text.
	 * @return the text, or {@code null}
	 */
	@Nullable String input();

	/**
	 * Returns when the run started.
	 * @return the start
	 */
	Instant startedAt();

	/**
	 * Returns whether the AI-service method can return a graceful answer ({@code String}, {@code Result<String>}
	 * or {@code TokenStream}) when a guard ends the run; other methods end with a {@link RunKilledException}.
	 * @return whether a graceful end is possible
	 */
	boolean gracefulEnd();

	/**
	 * Returns the chat memory of the run's conversation.
	 * @return the memory, or {@code null} when the AI service has none
	 */
	@Nullable ChatMemory memory();

	/**
	 * Returns the model calls that reached the model so far.
	 * @return the count
	 */
	int modelCalls();

	/**
	 * Returns the tool calls that ran so far, tools the model invented included.
	 * @return the count
	 */
	int toolCalls();

	/**
	 * Returns the input tokens reported so far.
	 * @return the tokens
	 */
	long inputTokens();

	/**
	 * Returns the output tokens reported so far.
	 * @return the tokens
	 */
	long outputTokens();

	/**
	 * Returns the input plus output tokens reported so far.
	 * @return the tokens
	 */
	long totalTokens();

	/**
	 * Returns the input tokens read from a provider's prompt cache so far.
	 * @return the tokens
	 */
	long cacheReadTokens();

	/**
	 * Returns the output tokens spent on reasoning so far.
	 * @return the tokens
	 */
	long reasoningTokens();

			/**
	 * Returns the tool calls that finished so far, in the order they finished (the first 50).
	 * @return the calls
	 */
	List<ToolCallRecord> toolCallRecords();

	/**
	 * Returns this run's state of the given type, creating it on first use. Creation happens once per run, even when
	 * steps race.
	 * @param type the state's type, private to the middleware that owns it
	 * @param initial creates the state
	 * @param <T> the type
	 * @return the state
	 */
	<T> T state(Class<T> type, Supplier<? extends T> initial);

	/**
	 * Returns this run's state of the given type.
	 * @param type the state's type
	 * @param <T> the type
	 * @return the state, or {@code null} when none was created
	 */
	<T> @Nullable T state(Class<T> type);

	/**
	 * Records a guard decision that lets the run go on (a warning, a summary, a trim). It is logged at WARN on
	 * {@value GuardTrip#LOGGER_NAME}, shown in the run log, and told to every middleware.
	 * @param trip the decision
	 */
	void trip(GuardTrip trip);

	/**
	 * Ends the run by a guard; the first end wins. No tool call of the run runs after this and the model is not
	 * called again: with {@link GuardAction#END} the AI service returns {@code message} as its answer, with
	 * {@link GuardAction#ERROR} (or on a method that cannot return text) the caller gets a
	 * {@link RunKilledException}. The run's outcome is {@code killed}.
	 * @param trip the decision; its action is set from the action taken
	 * @param action {@link GuardAction#END} or {@link GuardAction#ERROR}
	 * @param message the graceful answer, safe to show the user
	 * @return whether this call ended the run
	 */
	boolean end(GuardTrip trip, GuardAction action, String message);

	/**
	 * Returns the guard decision that ended the run.
	 * @return the decision, or {@code null} while no guard ended it
	 */
	@Nullable GuardTrip endedBy();

	/**
	 * Returns what the AI-service method threw, once the run ended with it.
	 * @return the exception, or {@code null}
	 */
	@Nullable Throwable failure();

	/**
	 * Returns a fact a capability published about the run.
	 * @param type the fact's type
	 * @param <T> the type
	 * @return the fact, {@code null} when there is none
	 */
	<T> @Nullable T fact(Class<T> type);

	/**
	 * Publishes a fact about the run, in place of any of the same class: it goes into the run's record, for the
	 * run log, the store and every middleware after. A nested run's facts are its own; a capability that speaks
	 * for the whole workflow publishes on {@link #workflow()} as well.
	 * @param fact the fact
	 */
	void fact(Object fact);

	/**
	 * Returns a fact about the run, publishing the initial one first when there is none: for a fact that
	 * accumulates (a cost that every call adds to), made once whichever thread asks first.
	 * @param type the fact's class
	 * @param initial makes the fact
	 * @param <T> the type
	 * @return the fact
	 */
	<T> T fact(Class<T> type, Supplier<? extends T> initial);

	/**
	 * Returns the run's observation, the parent of its steps' observations; {@link Observation#NOOP} when no
	 * middleware traces the run.
	 * @return the observation
	 */
	Observation observation();

	/**
	 * Sets the run's observation; the tracing middleware does, when the run starts.
	 * @param observation the observation
	 */
	void observation(Observation observation);

	/**
	 * Calls a chat model as a step of this run (a summary, a second try), through the whole pipeline: the step is
	 * {@linkplain ModelCall#nested() nested}, so guards let it through, and it is recorded like any model call.
	 * @param model the model, called with {@code chat(ChatRequest)}
	 * @param request the request
	 * @param operation the operation name recorded for it, such as {@code summarize}
	 * @return the response
	 */
	ChatResponse callModel(ChatModel model, ChatRequest request, String operation);

	/**
	 * Returns the workflow run this run is a step of: a sub-agent's invocation inside a multi-agent workflow is a
	 * run nested in the workflow's. A nested run shares its workflow's run id, user, middleware state, guard
	 * decisions and ending, so guards count across the workflow; its tokens and calls count in both.
	 * @return the workflow run, {@code null} for a run of its own
	 */
	default @Nullable Run parent() {
		return null;
	}

	/**
	 * Returns state of this run alone: for a sub-agent's run, not shared with its workflow (what a middleware keeps
	 * per sub-agent conversation); for a run of its own, the same as {@link #state(Class, Supplier)}.
	 * @param type the state's type, its key
	 * @param initial creates it the first time
	 * @param <T> the type
	 * @return the state
	 */
	default <T> T ownState(Class<T> type, Supplier<? extends T> initial) {
		return state(type, initial);
	}

	/**
	 * Returns state of this run alone, if any.
	 * @param type the state's type
	 * @param <T> the type
	 * @return the state, or {@code null}
	 */
	default <T> @Nullable T ownState(Class<T> type) {
		return state(type);
	}

	/**
	 * Returns the run whose totals guards count against: the workflow's for a sub-agent's run, else this one.
	 * @return the run
	 */
	default Run workflow() {
		Run parent = parent();
		return (parent != null) ? parent : this;
	}

	/**
	 * Returns the answer a guard ended the run with.
	 * @return the graceful answer, {@code null} while no guard ended the run
	 */
	default @Nullable String endMessage() {
		return null;
	}

	/**
	 * Tells whether this nested run is a workflow's planning (a supervisor's planner deciding the next agent)
	 * rather than a sub-agent users see.
	 * @return whether it plans
	 */
	default boolean planning() {
		return false;
	}

	/**
	 * Tells whether this run is a multi-agent workflow's (its sub-agents' runs are nested in it) rather than one
	 * AI-service call.
	 * @return whether it is a workflow's
	 */
	default boolean coordinates() {
		return false;
	}

}
