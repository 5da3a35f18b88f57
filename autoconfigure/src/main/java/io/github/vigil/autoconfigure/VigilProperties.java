package io.github.vigil.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.vigil.Vigil;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration properties for Vigil.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil")
public class VigilProperties {

	/**
	 * Whether Vigil observes chat models and AI services. When false, nothing is wrapped, recorded or logged.
	 */
	private boolean enabled = true;

	private final Run run = new Run();

	private final Instance instance = new Instance();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Run getRun() {
		return this.run;
	}

	public Instance getInstance() {
		return this.instance;
	}

	/**
	 * Runs: one call of an AI-service method.
	 */
	public static class Run {

		/**
		 * Key of the AI-service method's InvocationParameters whose value is the run's user id. Without it, the
		 * chat memory id is the user id, else "anonymous".
		 */
		private String userIdKey = Vigil.DEFAULT_USER_ID_KEY;

		/**
		 * Key of the AI-service method's InvocationParameters whose value, when present, is the run's id in the run
		 * log and on spans, so the application can return it to its caller. Without it, the run id is LangChain4j's
		 * invocation id.
		 */
		private String runIdKey = Vigil.DEFAULT_RUN_ID_KEY;

		/**
		 * How long a run may stay unfinished, for example a token stream that was never started, before it is
		 * ended with outcome "error" and error type "abandoned".
		 */
		private Duration abandonAfter = Vigil.DEFAULT_ABANDON_AFTER;

		/**
		 * Each agent's prompt, by the AI-service interface's simple name: a name and a version over what its
		 * @SystemMessage tells (the resource's base name, the hash of the template), for a prompt kept elsewhere or a
		 * version people know by name. Runs, triage and evals split by it.
		 */
		private final Map<String, Prompt> prompts = new LinkedHashMap<>();

		public Map<String, Prompt> getPrompts() {
			return this.prompts;
		}

		public String getUserIdKey() {
			return this.userIdKey;
		}

		public void setUserIdKey(String userIdKey) {
			this.userIdKey = userIdKey;
		}

		public String getRunIdKey() {
			return this.runIdKey;
		}

		public void setRunIdKey(String runIdKey) {
			this.runIdKey = runIdKey;
		}

		public Duration getAbandonAfter() {
			return this.abandonAfter;
		}

		public void setAbandonAfter(Duration abandonAfter) {
			this.abandonAfter = abandonAfter;
		}

	}

	/**
	 * An agent's prompt, named by the application.
	 */
	public static class Prompt {

		/**
		 * The prompt's name; by default the @SystemMessage resource's base name.
		 */
		private @Nullable String name;

		/**
		 * The prompt's version; by default the first 12 hex digits of the SHA-256 of its template.
		 */
		private @Nullable String version;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable String version) {
			this.version = version;
		}

	}

	/**
	 * This application instance, on every run: so that triage can tell which version and instance a failure began on.
	 */
	public static class Instance {

		/**
		 * Name of this application instance on every run; by default vigil.store.instance, else the host name and
		 * process id.
		 */
		private @Nullable String name;

		/**
		 * Version of the application on every run; by default Boot's build info (META-INF/build-info.properties),
		 * else git's abbreviated commit id (git.properties).
		 */
		private @Nullable String version;

		public @Nullable String getName() {
			return this.name;
		}

		public void setName(@Nullable String name) {
			this.name = name;
		}

		public @Nullable String getVersion() {
			return this.version;
		}

		public void setVersion(@Nullable String version) {
			this.version = version;
		}

	}

}
