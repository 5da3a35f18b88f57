package io.github.vigil.autoconfigure;

import java.util.LinkedHashSet;
import java.util.Set;

import io.github.vigil.store.ReplayPolicy;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Triage from the application.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.triage")
public class TriageProperties {

	private final Replay replay = new Replay();

	public Replay getReplay() {
		return this.replay;
	}

	/**
	 * Replay of stored tool calls and runs: a write operation, off by default.
	 */
	public static class Replay {

		/**
		 * Whether stored tool calls and runs may be replayed (POST only). Replay calls the application's tools again.
		 */
		private boolean enabled = ReplayPolicy.off().enabled();

		/**
		 * Tools that may be called again with recorded arguments: only tools without side effects.
		 */
		private Set<String> tools = new LinkedHashSet<>();

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Set<String> getTools() {
			return this.tools;
		}

		public void setTools(Set<String> tools) {
			this.tools = tools;
		}

	}

}
