package io.github.vigil.retrieval;

import java.util.Locale;

/** Bounded names of retrievers, stores and models, for meter tags and span names. */
final class Names {

	private static final int MAX = 64;

	private Names() {
	}

	static String of(Object component) {
		String name = component.getClass().getSimpleName();
		return bounded(name.isEmpty() ? "retriever" : name);
	}

	static String bounded(String name) {
		StringBuilder bounded = new StringBuilder(Math.min(name.length(), MAX));
		for (int i = 0; i < name.length() && bounded.length() < MAX; i++) {
			char c = name.charAt(i);
			bounded.append((Character.isLetterOrDigit(c) && c < 128) || c == '-' || c == '_' || c == '.' ? c : '_');
		}
		if (bounded.isEmpty()) {
			throw new IllegalArgumentException("a retriever's or store's name must not be empty");
		}
		return bounded.toString();
	}

	/** What the database conventions call the store ({@code db.system.name}): its class without the suffix. */
	static String system(Object store) {
		String name = store.getClass().getSimpleName().toLowerCase(Locale.ROOT);
		if (name.endsWith("embeddingstore")) {
			name = name.substring(0, name.length() - "embeddingstore".length());
		}
		return name.isEmpty() ? "other" : bounded(name);
	}

}
