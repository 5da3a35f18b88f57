package io.github.vigil.run;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What capabilities learned about a run or a step, each fact a typed value its capability owns (the call's cost, the
 * answer's grounding, a retrieval's results); others read it by its type. At most one fact of each class; immutable.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class Facts {

	/** No facts. */
	public static final Facts NONE = new Facts(new Object[0]);

	private final Object[] facts;

	private Facts(Object[] facts) {
		this.facts = facts;
	}

	/**
	 * Returns the fact of a type.
	 * @param type the fact's class, or a type it implements
	 * @param <T> the type
	 * @return the fact, {@code null} when there is none
	 */
	public <T> @Nullable T get(Class<T> type) {
		for (Object fact : this.facts) {
			if (type.isInstance(fact)) {
				return type.cast(fact);
			}
		}
		return null;
	}

	/**
	 * Returns these facts with one more, in place of any of the same class.
	 * @param fact the fact
	 * @return the facts
	 */
	public Facts with(Object fact) {
		Class<?> type = fact.getClass();
		for (int i = 0; i < this.facts.length; i++) {
			if (this.facts[i].getClass() == type) {
				Object[] replaced = this.facts.clone();
				replaced[i] = fact;
				return new Facts(replaced);
			}
		}
		Object[] added = Arrays.copyOf(this.facts, this.facts.length + 1);
		added[this.facts.length] = fact;
		return new Facts(added);
	}

	/**
	 * Returns every fact, in the order they were first published.
	 * @return the facts
	 */
	public List<Object> all() {
		return List.of(this.facts);
	}

	/**
	 * Returns whether there are none.
	 * @return whether there are none
	 */
	public boolean isEmpty() {
		return this.facts.length == 0;
	}

	@Override
	public String toString() {
		return Arrays.toString(this.facts);
	}

}
