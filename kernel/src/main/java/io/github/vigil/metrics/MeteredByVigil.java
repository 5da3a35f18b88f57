package io.github.vigil.metrics;

/**
 * Marks an observation context whose meters Vigil records itself, or deliberately not at all: Vigil's meter
 * observation handler claims it, so that a generic meter handler derives no second timer or event counters from it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public interface MeteredByVigil {

}
