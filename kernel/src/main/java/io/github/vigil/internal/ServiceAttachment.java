package io.github.vigil.internal;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import dev.langchain4j.model.moderation.ModerationModel;
import dev.langchain4j.observability.api.listener.AiServiceListener;
import io.github.vigil.run.InternalFailures;
import io.github.vigil.run.PromptVersion;
import org.jspecify.annotations.Nullable;

/**
 * What a pipeline adds to each AI service it attaches to, as the capabilities and the application set it: listeners
 * of the service's own events, the observer of its moderation model, the prompts the application named, and whether
 * the tools of LangChain4j's MCP client name their server.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ServiceAttachment {

	private final InternalFailures failures;

	private final List<AiServiceListener<?>> aiServiceListeners = new CopyOnWriteArrayList<>();

	private final Map<String, PromptVersion> promptVersions = new ConcurrentHashMap<>();

	private volatile @Nullable UnaryOperator<ModerationModel> moderation;

	private volatile boolean mcpServers = true;

	ServiceAttachment(InternalFailures failures) {
		this.failures = failures;
	}

	/**
	 * Adds a listener to the events of every AI service this pipeline observes from now on: how a capability hears
	 * what LangChain4j reports only as AI-service events (a guardrail's decision).
	 * @param listener the listener
	 */
	public void listen(AiServiceListener<?> listener) {
		this.aiServiceListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
	}

	List<AiServiceListener<?>> aiServiceListeners() {
		return this.aiServiceListeners;
	}

	/**
	 * Sets whether tool calls of LangChain4j's MCP client name the server that served them. Default: they do.
	 * @param named whether they do
	 */
	public void mcpServers(boolean named) {
		this.mcpServers = named;
	}

	boolean namesMcpServers() {
		return this.mcpServers;
	}

	/**
	 * Names an agent's prompt and its version, over what its {@code @SystemMessage} tells: for a prompt kept
	 * elsewhere (a prompt registry, a database), or to give a version a name people know.
	 * @param agent the AI-service interface's simple name
	 * @param name the prompt's name, {@code null} to keep the one the resource gives
	 * @param version the version, {@code null} to keep the hash of the system message
	 */
	public void promptVersion(String agent, @Nullable String name, @Nullable String version) {
		Objects.requireNonNull(agent, "agent must not be null");
		this.promptVersions.put(agent, new PromptVersion(name, (version != null) ? version : ""));
	}

	/** The prompt of an agent's run: what the application named, over what its system message tells. */
	@Nullable PromptVersion promptVersion(String agent, @Nullable PromptVersion found) {
		if (this.promptVersions.isEmpty()) {
			return found;
		}
		PromptVersion named = this.promptVersions.get(agent);
		if (named == null) {
			return found;
		}
		String name = (named.name() != null) ? named.name() : (found != null) ? found.name() : null;
		String version = !named.version().isEmpty() ? named.version() : (found != null) ? found.version() : null;
		return (version != null) ? new PromptVersion(name, version) : found;
	}

	/**
	 * Sets how a capability observes the moderation model of each AI service that attaches to this pipeline.
	 * @param observer what makes the observed model of a moderation model
	 */
	public void observeModeration(UnaryOperator<ModerationModel> observer) {
		this.moderation = Objects.requireNonNull(observer, "observer must not be null");
	}

	/** The AI service's moderation model as the capabilities observe it; itself when none does, or on failure. */
	ModerationModel moderationModel(ModerationModel model) {
		UnaryOperator<ModerationModel> observer = this.moderation;
		if (observer == null) {
			return model;
		}
		try {
			return observer.apply(model);
		}
		catch (RuntimeException ex) {
			this.failures.record("moderation", ex);
			return model;
		}
	}

}
