package io.github.vigil.retrieval;

/**
 * Marks what Vigil observes already, its decorators and the Spring Boot starter's proxies of retriever, store and
 * model beans, so that nothing is observed twice.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface Observed {

}
