package io.github.vigil.guard;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Context windows of models, in tokens: configured ones first, then a built-in table of common models, matched by
 * the longest name prefix (a provider prefix such as {@code anthropic/} is ignored), else the default.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ContextWindows {

	private static final Map<String, Integer> BUILT_IN = builtIn();

	/** Model names whose window is remembered; past it, windows are resolved on every call. */
	private static final int MAX_RESOLVED = 1_000;

	private final List<Map.Entry<String, Integer>> entries;

	private final int defaultWindow;

	private final Map<String, Integer> resolved = new ConcurrentHashMap<>();

	/**
	 * Creates the table.
	 * @param configured windows by model name prefix, taking precedence over the built-in ones
	 * @param defaultWindow the window of unknown models
	 */
	public ContextWindows(Map<String, Integer> configured, int defaultWindow) {
		Map<String, Integer> all = new LinkedHashMap<>(BUILT_IN);
		configured.forEach((model, window) -> all.put(model.toLowerCase(Locale.ROOT), window));
		this.entries = new ArrayList<>(all.entrySet());
		this.entries.sort(Comparator.comparingInt((Map.Entry<String, Integer> e) -> e.getKey().length()).reversed());
		this.defaultWindow = defaultWindow;
	}

	/**
	 * Returns a model's context window.
	 * @param model the model name, possibly {@code null}
	 * @return its window in tokens
	 */
	public int windowOf(@Nullable String model) {
		if (model == null) {
			return this.defaultWindow;
		}
		Integer known = this.resolved.get(model);
		if (known != null) {
			return known;
		}
		int window = resolve(model);
		if (this.resolved.size() < MAX_RESOLVED) {
			this.resolved.put(model, window);
		}
		return window;
	}

	private int resolve(String model) {
		String name = model.toLowerCase(Locale.ROOT);
		int slash = name.lastIndexOf('/');
		if (slash >= 0) {
			name = name.substring(slash + 1);
		}
		for (Map.Entry<String, Integer> entry : this.entries) {
			if (name.startsWith(entry.getKey())) {
				return entry.getValue();
			}
		}
		return this.defaultWindow;
	}

	private static Map<String, Integer> builtIn() {
		Map<String, Integer> windows = new LinkedHashMap<>();
		windows.put("gpt-5", 400_000);
		windows.put("gpt-4.1", 1_047_576);
		windows.put("gpt-4o", 128_000);
		windows.put("gpt-4-turbo", 128_000);
		windows.put("gpt-4", 8_192);
		windows.put("gpt-3.5-turbo", 16_385);
		windows.put("o1-mini", 128_000);
		windows.put("o1", 200_000);
		windows.put("o3", 200_000);
		windows.put("o4-mini", 200_000);
		windows.put("claude", 200_000);
		windows.put("llama-3", 131_072);
		windows.put("llama3.1", 131_072);
		windows.put("llama3.2", 131_072);
		windows.put("llama3.3", 131_072);
		windows.put("llama3", 8_192);
		windows.put("mistral-large", 131_072);
		windows.put("mistral-medium", 131_072);
		windows.put("mistral-small", 32_768);
		windows.put("mistral-nemo", 131_072);
		windows.put("mistral", 32_768);
		windows.put("mixtral", 32_768);
		windows.put("gemini-1.5-pro", 2_097_152);
		windows.put("gemini-1.5-flash", 1_048_576);
		windows.put("gemini-2", 1_048_576);
		windows.put("gemini", 1_048_576);
		return windows;
	}

}
