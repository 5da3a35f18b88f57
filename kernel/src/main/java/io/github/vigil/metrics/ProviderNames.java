package io.github.vigil.metrics;

import dev.langchain4j.model.ModelProvider;
import org.jspecify.annotations.Nullable;

/**
 * Maps LangChain4j's {@link ModelProvider} to the OpenTelemetry GenAI {@code gen_ai.provider.name} values.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class ProviderNames {

	private ProviderNames() {
	}

	/**
	 * Returns the OpenTelemetry GenAI name of a provider.
	 * @param provider the provider, possibly {@code null}
	 * @return its name, {@code unknown} when not known
	 */
	public static String of(@Nullable ModelProvider provider) {
		if (provider == null) {
			return TagKeys.UNKNOWN;
		}
		return switch (provider.name()) {
			case "OPEN_AI" -> "openai";
			case "AZURE_OPEN_AI" -> "azure.ai.openai";
			case "ANTHROPIC" -> "anthropic";
			case "AMAZON_BEDROCK" -> "aws.bedrock";
			case "GOOGLE_AI_GEMINI" -> "gcp.gemini";
			case "GOOGLE_GENAI" -> "gcp.gen_ai";
			case "GOOGLE_VERTEX_AI_GEMINI", "GOOGLE_VERTEX_AI_ANTHROPIC" -> "gcp.vertex_ai";
			case "MISTRAL_AI" -> "mistral_ai";
			case "OLLAMA" -> "ollama";
			case "GITHUB_MODELS" -> "github";
			case "MICROSOFT_FOUNDRY" -> "azure.ai.inference";
			case "WATSONX" -> "ibm.watsonx.ai";
			case "COHERE" -> "cohere";
			case "VOYAGE_AI" -> "voyage_ai";
			case "JINA" -> "jina";
			default -> TagKeys.UNKNOWN;
		};
	}

}
