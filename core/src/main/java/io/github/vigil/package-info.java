/**
 * Vigil: telemetry and guards for LangChain4j chat models and AI services. Start with {@link io.github.vigil.Vigil}.
 */
@NullMarked
package io.github.vigil;

import org.jspecify.annotations.NullMarked;
