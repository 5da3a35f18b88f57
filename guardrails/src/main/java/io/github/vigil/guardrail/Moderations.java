package io.github.vigil.guardrail;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.moderation.ModerationModel;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.OpenStep;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.StepKind;
import io.github.vigil.run.Steps;
import io.github.vigil.tool.ErrorTypes;
import org.jspecify.annotations.Nullable;

/**
 * A moderation model's checks as steps of their runs: latency, and whether it flagged (never the text), on spans
 * {@code moderation <model>}, in {@code vigil.step.duration{vigil.step.kind="moderation"}}, the run log's
 * {@code moderations[]} and {@code moderation}, and the store.
 * <p>
 * LangChain4j runs an AI service's {@code @Moderate} check on an executor thread, with the messages and no invocation
 * context, in parallel with the model call, and waits for it before it answers. A check finds its run through the
 * user's message: the same message object goes to the moderation model and, in the request, to the chat model, whose
 * call Vigil ties to its run. Whichever comes first waits for the other (a few hundred at most, the oldest let go):
 * a check that ends before the model is called is reported when it is, one that ends after is reported into the run
 * the call named. A check no run claims (a moderation model called outside an AI service) is a step of no run.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Moderations implements RunMiddleware {

	/** A moderation model's check: spans {@code moderation <model>}, the run log's {@code moderations[]}. */
	public static final StepKind MODERATION = StepKind.of("moderation", "moderation", "moderations", "model");

	/** The error type of a check that flagged the messages. */
	public static final String FLAGGED = "flagged";

	private static final int WAITING = 256;

	private final Supplier<Steps> steps;

	private final InternalFailures failures;

	/** User messages seen on both sides, by identity: a run's model call, or a check that has ended. */
	private final Map<Identity, Object> waiting = new LinkedHashMap<>(64, 0.75f, false) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<Identity, Object> eldest) {
			if (size() <= WAITING) {
				return false;
			}
			if (eldest.getValue() instanceof Check check) {
				// no run claimed it: a step of no run, still counted, reported once the lock is let go
				Moderations.this.evicted.add(check);
			}
			return true;
		}
	};

	private volatile boolean observing;

	/** Checks let go while the waiting map was locked, to report after. */
	private final List<Check> evicted = new java.util.ArrayList<>();

	/** When the oldest check still waiting ended. */
	private volatile long oldestWaiting = System.nanoTime();

	/** How long an ended check waits for its run's model call before it is a step of no run. */
	private final long maxWaitNanos;

	/**
	 * Creates the capability.
	 * @param steps where moderation steps are reported, asked when the first is (the steps of a pipeline this
	 * capability is a middleware of)
	 * @param failures where Vigil's own failures are counted
	 */
	public Moderations(Supplier<Steps> steps, InternalFailures failures) {
		this(steps, failures, Duration.ofSeconds(30));
	}

	Moderations(Supplier<Steps> steps, InternalFailures failures, Duration maxWait) {
		this.steps = Objects.requireNonNull(steps, "steps must not be null");
		this.failures = Objects.requireNonNull(failures, "failures must not be null");
		this.maxWaitNanos = maxWait.toNanos();
	}

	/**
	 * Observes a moderation model: each check is a step of the run it moderates.
	 * @param model the model
	 * @return the observed model; the model itself when it already is
	 */
	public ModerationModel observe(ModerationModel model) {
		Objects.requireNonNull(model, "model must not be null");
		if (model instanceof ObservedModerationModel) {
			return model;
		}
		this.observing = true;
		return new ObservedModerationModel(model, this);
	}

	/** A run's model call: the user's message it carries names the run for a check of that message. */
	@Override
	public @Nullable ChatResponse beforeModelCall(ModelCall call) {
		Run run = call.run();
		if (!this.observing || run == null) {
			return null;
		}
		try {
			letGoOfUnclaimedChecks();
			UserMessage message = lastUserMessage(call.request().messages());
			if (message == null) {
				return null;
			}
			Identity key = new Identity(message);
			Check ended;
			List<Check> letGo;
			synchronized (this.waiting) {
				Object seen = this.waiting.remove(key);
				ended = (seen instanceof Check check) ? check : null;
				if (ended == null) {
					this.waiting.put(key, run);
				}
				letGo = takeEvicted();
			}
			if (ended != null) {
				ended.report(run);
			}
			letGo.forEach((check) -> check.report(null));
		}
		catch (RuntimeException ex) {
			this.failures.record("moderation", ex);
		}
		return null;
	}

	/** A run that ended lets go of its announcement: a check that comes later is a step of no run. */
	@Override
	public void runEnded(Run run, RunRecord record) {
		if (!this.observing) {
			return;
		}
		synchronized (this.waiting) {
			this.waiting.values().removeIf((seen) -> seen == run);
		}
	}

	/** A check ended: into the run its message names, now or when that run's model call comes. */
	void ended(Check check, @Nullable List<ChatMessage> messages) {
		try {
			letGoOfUnclaimedChecks();
			UserMessage message = (messages != null) ? lastUserMessage(messages) : null;
			if (message == null) {
				check.report(null);
				return;
			}
			Run run;
			List<Check> letGo;
			synchronized (this.waiting) {
				Object seen = this.waiting.remove(new Identity(message));
				run = (seen instanceof Run announced) ? announced : null;
				if (run == null) {
					if (this.waiting.isEmpty() || this.oldestWaiting > check.endNanos) {
						this.oldestWaiting = check.endNanos;
					}
					this.waiting.put(new Identity(message), check);
				}
				letGo = takeEvicted();
			}
			if (run != null) {
				check.report(run);
			}
			letGo.forEach((evicted) -> evicted.report(null));
		}
		catch (RuntimeException ex) {
			this.failures.record("moderation", ex);
		}
	}

	/**
	 * Reports the checks that waited too long for a model call as steps of no run: a moderation model called outside
	 * an AI service, or a run whose model was never called.
	 */
	void letGoOfUnclaimedChecks() {
		long now = System.nanoTime();
		if (now - this.oldestWaiting < this.maxWaitNanos) {
			return;
		}
		List<Check> unclaimed = new java.util.ArrayList<>();
		synchronized (this.waiting) {
			long oldest = Long.MAX_VALUE;
			for (java.util.Iterator<Object> each = this.waiting.values().iterator(); each.hasNext();) {
				if (each.next() instanceof Check check) {
					if (now - check.endNanos >= this.maxWaitNanos) {
						unclaimed.add(check);
						each.remove();
					}
					else {
						oldest = Math.min(oldest, check.endNanos);
					}
				}
			}
			this.oldestWaiting = (oldest == Long.MAX_VALUE) ? now : oldest;
		}
		unclaimed.forEach((check) -> check.report(null));
	}

	/** The checks the map let go of, to report once its lock is released; called holding it. */
	private List<Check> takeEvicted() {
		if (this.evicted.isEmpty()) {
			return List.of();
		}
		List<Check> letGo = List.copyOf(this.evicted);
		this.evicted.clear();
		return letGo;
	}

	private static @Nullable UserMessage lastUserMessage(List<? extends ChatMessage> messages) {
		for (int i = messages.size() - 1; i >= 0; i--) {
			if (messages.get(i) instanceof UserMessage user) {
				return user;
			}
		}
		return null;
	}

	/** One check of a moderation model, as it went: reported once, into its run or none. */
	final class Check {

		private final String model;

		private final long startNanos;

		private final long endNanos;

		private final @Nullable Boolean flagged;

		private final @Nullable Throwable failure;

		Check(String model, long startNanos, long endNanos, @Nullable Boolean flagged, @Nullable Throwable failure) {
			this.model = model;
			this.startNanos = startNanos;
			this.endNanos = endNanos;
			this.flagged = flagged;
			this.failure = failure;
		}

		void report(@Nullable Run run) {
			try {
				OpenStep step = Moderations.this.steps.get().start(run, MODERATION, this.model);
				// reported when its run is known: it took what it took, ending now
				step.startedAt(System.nanoTime() - (this.endNanos - this.startNanos));
				if (this.failure != null) {
					// its run fails, if it does, when the AI service rethrows it on the caller's thread
					step.failed(ErrorTypes.of(this.failure), this.failure.getMessage());
					return;
				}
				boolean found = Boolean.TRUE.equals(this.flagged);
				step.fact(new Moderated(found));
				if (found) {
					step.failed(FLAGGED, null);
				}
				else {
					step.succeeded();
				}
			}
			catch (RuntimeException ex) {
				Moderations.this.failures.record("moderation", ex);
			}
		}

	}

	/** A message by identity: equal messages of two runs are two messages. */
	private record Identity(Object message) {

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof Identity identity && identity.message == this.message;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.message);
		}

	}

}
