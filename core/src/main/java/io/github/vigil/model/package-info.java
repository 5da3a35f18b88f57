/**
 * Decorators that observe LangChain4j chat models, synchronous and streaming.
 */
@NullMarked
package io.github.vigil.model;

import org.jspecify.annotations.NullMarked;
