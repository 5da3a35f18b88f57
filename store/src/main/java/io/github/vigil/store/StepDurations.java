package io.github.vigil.store;

/**
 * How long the stored steps of one kind and name took, over a range: a histogram in microseconds.
 *
 * @param kind the step's kind ({@code model}, {@code tool}, or another kind's name)
 * @param name the model, the tool, the retriever
 * @param micros the durations
 * @author Vigil contributors
 * @since 0.1.0
 */
public record StepDurations(String kind, String name, LogHistogram micros) {
}
