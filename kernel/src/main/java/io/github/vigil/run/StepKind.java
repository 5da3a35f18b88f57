package io.github.vigil.run;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A kind of step a run takes: a model call, a tool call, and the kinds the capability modules add (a retrieval, an
 * embedding call, a guardrail check). A kind names itself everywhere a step shows: in meters and the store by
 * {@link #name()}, in spans by its {@link #operation()} (the GenAI conventions' {@code gen_ai.operation.name}), and in
 * the run log by the {@link #logArray() array} its steps are listed in and what that array calls a step's name.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class StepKind {

	private static final Pattern BOUNDED = Pattern.compile("[a-z][a-z0-9_.]{0,39}");

	/** A call of a chat model. */
	public static final StepKind MODEL_CALL = new StepKind("model_call", "chat", "model_calls", "model");

	/** A call of a tool. */
	public static final StepKind TOOL_CALL = new StepKind("tool_call", "execute_tool", "tool_calls", "tool");

	private final String name;

	private final String operation;

	private final String logArray;

	private final String nameField;

	private StepKind(String name, String operation, String logArray, String nameField) {
		this.name = check(name, "name");
		this.operation = check(operation, "operation");
		this.logArray = check(logArray, "logArray");
		this.nameField = check(nameField, "nameField");
	}

	/**
	 * Defines a kind of step.
	 * @param name the kind's bounded name (lower case, digits, {@code _} and {@code .}), a meter tag value
	 * @param operation what the GenAI conventions call the operation ({@code gen_ai.operation.name}), the span name's
	 * first word
	 * @param logArray the run log's array of the run's steps of this kind
	 * @param nameField what that array calls a step's name (the retriever, the guardrail)
	 * @return the kind
	 */
	public static StepKind of(String name, String operation, String logArray, String nameField) {
		return new StepKind(name, operation, logArray, nameField);
	}

	private static String check(String value, String what) {
		Objects.requireNonNull(value, what + " must not be null");
		if (!BOUNDED.matcher(value).matches()) {
			throw new IllegalArgumentException(what + " must be 1 to 40 lower-case letters, digits, '_' or '.', "
					+ "starting with a letter: '" + value + "'");
		}
		return value;
	}

	/**
	 * Returns the kind's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the operation's name in the GenAI conventions.
	 * @return the operation
	 */
	public String operation() {
		return this.operation;
	}

	/**
	 * Returns the run log's array of steps of this kind.
	 * @return the array's name
	 */
	public String logArray() {
		return this.logArray;
	}

	/**
	 * Returns what the run log calls a step's name.
	 * @return the field's name
	 */
	public String nameField() {
		return this.nameField;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof StepKind kind && kind.name.equals(this.name);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
