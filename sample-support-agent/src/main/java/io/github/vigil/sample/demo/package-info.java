/**
 * The offline demo: a scripted OpenAI-compatible model and the incident replay.
 */
@NullMarked
package io.github.vigil.sample.demo;

import org.jspecify.annotations.NullMarked;
