package io.github.vigil.alert;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's condition that holds now for one subject: what an {@link Alert} is made from.
 *
 * @param alert the rule's id, such as {@code resolution-drop}
 * @param subject what it is about, bounded: a tool, a model, an agent
 * @param severity {@link Alert#WARNING} or {@link Alert#CRITICAL}
 * @param facts the numbers that make it hold
 * @param summary one line that names the subject
 * @author Vigil contributors
 * @since 0.1.0
 */
public record AlertCondition(String alert, String subject, String severity, Map<String, Object> facts,
		String summary) {

	public AlertCondition {
		Objects.requireNonNull(alert, "alert must not be null");
		Objects.requireNonNull(subject, "subject must not be null");
		if (!Alert.WARNING.equals(severity) && !Alert.CRITICAL.equals(severity)) {
			throw new IllegalArgumentException("severity must be warning or critical, was " + severity);
		}
		facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
		Objects.requireNonNull(summary, "summary must not be null");
	}

}
