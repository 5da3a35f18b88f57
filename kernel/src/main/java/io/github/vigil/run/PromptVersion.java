package io.github.vigil.run;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Which prompt a run's AI service used: published on the run when it starts. The name is the {@code @SystemMessage}
 * resource's base name ({@code fromResource = "prompts/support.txt"} is {@code support}); the version is the first
 * twelve hex digits of the SHA-256 of the system message's template (of the message itself when the application
 * supplies it another way), so editing the prompt changes it and evals and triage can split runs by it.
 *
 * @param name the prompt's name, {@code null} when it has none
 * @param version the prompt's version
 * @author Vigil contributors
 * @since 0.1.0
 */
public record PromptVersion(@Nullable String name, String version) {

	/**
	 * Creates the fact.
	 * @param name the name
	 * @param version the version
	 */
	public PromptVersion {
		Objects.requireNonNull(version, "version must not be null");
	}

}
