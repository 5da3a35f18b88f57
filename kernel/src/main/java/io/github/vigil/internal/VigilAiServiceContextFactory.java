package io.github.vigil.internal;

import dev.langchain4j.service.AiServiceContext;
import dev.langchain4j.spi.services.AiServiceContextFactory;

/**
 * LangChain4j's {@link AiServiceContextFactory} service provider: every AI service built with
 * {@code AiServices.builder(...)} or {@code AiServices.create(...)} gets an {@link ObservedAiServiceContext}. It
 * stays inert until a {@link io.github.vigil.Vigil} is reachable: through an observed chat model given to the
 * builder, or as the installed default.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class VigilAiServiceContextFactory implements AiServiceContextFactory {

	@Override
	public AiServiceContext create(Class<?> aiServiceClass) {
		return new ObservedAiServiceContext(aiServiceClass);
	}

}
