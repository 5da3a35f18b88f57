/**
 * The chat API and page.
 */
@NullMarked
package io.github.vigil.sample.chat;

import org.jspecify.annotations.NullMarked;
