/**
 * Attachment to LangChain4j AI services through the {@code AiServiceContextFactory} service-provider interface.
 */
@NullMarked
package io.github.vigil.service;

import org.jspecify.annotations.NullMarked;
