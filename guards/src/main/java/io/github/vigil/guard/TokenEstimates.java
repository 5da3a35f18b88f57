package io.github.vigil.guard;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;
import org.jspecify.annotations.Nullable;

/**
 * Estimates the tokens of messages. With {@code langchain4j-open-ai} on the classpath and a model jtokkit knows, it
 * counts with {@code OpenAiTokenCountEstimator}; otherwise, and for content it cannot count (images), it uses
 * {@value #CHARS_PER_TOKEN} characters per token plus {@value #TOKENS_PER_MESSAGE} tokens of overhead per message.
 * It never throws.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class TokenEstimates {

	/** Characters per token in the fallback estimate. */
	public static final int CHARS_PER_TOKEN = 4;

	/** Tokens of overhead per message in the fallback estimate. */
	public static final int TOKENS_PER_MESSAGE = 4;

	/** Tokens counted for an image. */
	private static final int TOKENS_PER_IMAGE = 765;

	private static final String OPENAI_ESTIMATOR = "dev.langchain4j.model.openai.OpenAiTokenCountEstimator";

	private static final boolean OPENAI_PRESENT = isPresent(OPENAI_ESTIMATOR);

	private final Map<String, Optional<TokenCountEstimator>> estimators = new ConcurrentHashMap<>();

	/** Estimated tokens of each tool's definition, by tool name: definitions do not change while the app runs. */
	private final Map<String, Long> toolTokens = new ConcurrentHashMap<>();

	/**
	 * Estimates the tokens of a list of messages.
	 * @param messages the messages
	 * @param model the model name, possibly {@code null}
	 * @return the estimate
	 */
	public long messages(List<ChatMessage> messages, @Nullable String model) {
		TokenCountEstimator estimator = estimator(model);
		long tokens = 3;
		for (ChatMessage message : messages) {
			tokens += message(message, estimator);
		}
		return tokens;
	}

	/**
	 * Estimates the tokens of one message.
	 * @param message the message
	 * @param model the model name, possibly {@code null}
	 * @return the estimate
	 */
	public long message(ChatMessage message, @Nullable String model) {
		return message(message, estimator(model));
	}

	/**
	 * Estimates the tokens of tool definitions sent with a request.
	 * @param tools the tool specifications
	 * @return the estimate
	 */
	public long tools(@Nullable List<ToolSpecification> tools) {
		if (tools == null) {
			return 0;
		}
		long tokens = 0;
		for (ToolSpecification tool : tools) {
			Long known = this.toolTokens.get(tool.name());
			if (known == null) {
				known = (String.valueOf(tool.name()).length() + String.valueOf(tool.description()).length()
						+ String.valueOf(tool.parameters()).length()) / CHARS_PER_TOKEN + 8L;
				if (this.toolTokens.size() < 10_000) {
					this.toolTokens.put(String.valueOf(tool.name()), known);
				}
			}
			tokens += known;
		}
		return tokens;
	}

	private long message(ChatMessage message, @Nullable TokenCountEstimator estimator) {
		if (estimator != null) {
			try {
				return estimator.estimateTokenCountInMessage(message);
			}
			catch (RuntimeException ex) {
				// non-text content or an estimator failure: fall back below
			}
		}
		return fallback(message);
	}

	private static long fallback(ChatMessage message) {
		long chars = 0;
		long images = 0;
		if (message instanceof UserMessage user) {
			for (Content content : user.contents()) {
				if (content instanceof TextContent text) {
					chars += text.text().length();
				}
				else {
					images++;
				}
			}
		}
		else if (message instanceof AiMessage ai) {
			chars += (ai.text() != null) ? ai.text().length() : 0;
			if (ai.hasToolExecutionRequests()) {
				for (var request : ai.toolExecutionRequests()) {
					chars += String.valueOf(request.name()).length() + String.valueOf(request.arguments()).length();
				}
			}
		}
		else if (message instanceof SystemMessage system) {
			chars += system.text().length();
		}
		else if (message instanceof ToolExecutionResultMessage result) {
			chars += (result.text() != null) ? result.text().length() : 0;
		}
		else {
			chars += String.valueOf(message).length();
		}
		return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN + TOKENS_PER_MESSAGE + images * TOKENS_PER_IMAGE;
	}

	private @Nullable TokenCountEstimator estimator(@Nullable String model) {
		if (!OPENAI_PRESENT || model == null) {
			return null;
		}
		return this.estimators.computeIfAbsent(model, TokenEstimates::openAiEstimator).orElse(null);
	}

	private static Optional<TokenCountEstimator> openAiEstimator(String model) {
		try {
			TokenCountEstimator estimator = (TokenCountEstimator) Class.forName(OPENAI_ESTIMATOR)
				.getConstructor(String.class)
				.newInstance(model);
			estimator.estimateTokenCountInText("probe");
			return Optional.of(estimator);
		}
		catch (ReflectiveOperationException | RuntimeException | LinkageError ex) {
			return Optional.empty();
		}
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, TokenEstimates.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
