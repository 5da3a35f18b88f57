package io.github.vigil.run;

import java.util.Objects;

/**
 * A step of another kind than a chat-model call that called a model (an embedding call, a moderation call), with
 * what it used: published on the step, so that the token meters and the cost meter count it as they count chat
 * calls, whatever kind of step it is.
 *
 * @param model the model's bounded name ({@code gen_ai.request.model})
 * @param provider its provider as the conventions name it ({@code gen_ai.provider.name})
 * @param usage the tokens it used
 * @author Vigil contributors
 * @since 0.1.0
 */
public record ModelUsage(String model, String provider, Usage usage) {

	/**
	 * Creates the fact.
	 * @param model the model
	 * @param provider the provider
	 * @param usage the usage
	 */
	public ModelUsage {
		Objects.requireNonNull(model, "model must not be null");
		Objects.requireNonNull(provider, "provider must not be null");
		Objects.requireNonNull(usage, "usage must not be null");
	}

}
