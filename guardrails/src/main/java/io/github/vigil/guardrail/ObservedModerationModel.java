package io.github.vigil.guardrail;

import java.util.List;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.input.Prompt;
import dev.langchain4j.model.moderation.Moderation;
import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.model.moderation.ModerationRequest;
import dev.langchain4j.model.moderation.ModerationResponse;
import dev.langchain4j.model.moderation.listener.ModerationModelListener;
import dev.langchain4j.model.output.Response;
import org.jspecify.annotations.Nullable;

/**
 * A moderation model whose every check is a step: each method reaches the same method of the application's model,
 * so its answers, exceptions and calls are its own.
 */
final class ObservedModerationModel implements ModerationModel {

	private final ModerationModel delegate;

	private final Moderations moderations;

	ObservedModerationModel(ModerationModel delegate, Moderations moderations) {
		this.delegate = delegate;
		this.moderations = moderations;
	}

	@Override
	public ModerationResponse moderate(ModerationRequest request) {
		return checked(null, () -> this.delegate.moderate(request), (response) -> response.moderation());
	}

	@Override
	public ModerationResponse doModerate(ModerationRequest request) {
		return this.delegate.doModerate(request);
	}

	@Override
	public Response<Moderation> moderate(String text) {
		return checked(null, () -> this.delegate.moderate(text), Response::content);
	}

	@Override
	public Response<Moderation> moderate(Prompt prompt) {
		return checked(null, () -> this.delegate.moderate(prompt), Response::content);
	}

	@Override
	public Response<Moderation> moderate(ChatMessage message) {
		return checked(List.of(message), () -> this.delegate.moderate(message), Response::content);
	}

	/** What an AI service's {@code @Moderate} calls, on an executor thread, with the run's messages. */
	@Override
	public Response<Moderation> moderate(List<ChatMessage> messages) {
		return checked(messages, () -> this.delegate.moderate(messages), Response::content);
	}

	@Override
	public Response<Moderation> moderate(TextSegment textSegment) {
		return checked(null, () -> this.delegate.moderate(textSegment), Response::content);
	}

	@Override
	public List<ModerationModelListener> listeners() {
		return this.delegate.listeners();
	}

	@Override
	public ModelProvider provider() {
		return this.delegate.provider();
	}

	@Override
	public String modelName() {
		return this.delegate.modelName();
	}

	private <T> T checked(@Nullable List<ChatMessage> messages, java.util.function.Supplier<T> check,
			java.util.function.Function<T, @Nullable Moderation> found) {
		long start = System.nanoTime();
		T result;
		try {
			result = check.get();
		}
		catch (RuntimeException | Error ex) {
			this.moderations.ended(this.moderations.new Check(name(), start, System.nanoTime(), null, ex), messages);
			throw ex;
		}
		Boolean flagged = null;
		try {
			Moderation moderation = (result != null) ? found.apply(result) : null;
			flagged = (moderation != null) && moderation.flagged();
		}
		catch (RuntimeException ex) {
			// a response of another shape: the check is still a step
		}
		this.moderations.ended(this.moderations.new Check(name(), start, System.nanoTime(), flagged, null), messages);
		return result;
	}

	/** The model's name, bounded: a step's name is a meter tag. */
	private String name() {
		String name;
		try {
			name = this.delegate.modelName();
		}
		catch (RuntimeException ex) {
			name = null;
		}
		if (name == null || name.isBlank() || "unknown".equals(name)) {
			name = this.delegate.getClass().getSimpleName();
		}
		if (name.isBlank()) {
			name = "moderation";
		}
		return (name.length() > 64) ? name.substring(0, 64) : name;
	}

}
