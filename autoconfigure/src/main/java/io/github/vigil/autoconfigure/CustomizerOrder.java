package io.github.vigil.autoconfigure;

import org.springframework.core.Ordered;

/**
 * The order the starter's own {@link VigilBuilderCustomizer}s run in: the instance first, then each capability's,
 * all before an application's customizers (which are unordered, so last, and may override what these set).
 */
final class CustomizerOrder {

	static final int INSTANCE = Ordered.HIGHEST_PRECEDENCE;

	static final int CAPABILITY = Ordered.HIGHEST_PRECEDENCE + 10;

	private CustomizerOrder() {
	}

}
