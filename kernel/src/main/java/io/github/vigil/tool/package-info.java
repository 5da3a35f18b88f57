/**
 * Tool-call observation: the executor decorator and the classification of tool results and failures.
 */
@NullMarked
package io.github.vigil.tool;

import org.jspecify.annotations.NullMarked;
