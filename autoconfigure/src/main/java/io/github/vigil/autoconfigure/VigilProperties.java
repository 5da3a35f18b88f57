package io.github.vigil.autoconfigure;

import java.time.Duration;

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

	private final RunLog runLog = new RunLog();

	private final Tracing tracing = new Tracing();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Run getRun() {
		return this.run;
	}

	public RunLog getRunLog() {
		return this.runLog;
	}

	public Tracing getTracing() {
		return this.tracing;
	}

	/**
	 * Runs: one call of an AI-service method.
	 */
	public static class Run {

		/**
		 * Key of the AI-service method's InvocationParameters whose value is the run's user id. Without it, the
		 * chat memory id is the user id, else "anonymous".
		 */
		private String userIdKey = "userId";

		/**
		 * How long a run may stay unfinished, for example a token stream that was never started, before it is
		 * ended with outcome "error" and error type "abandoned".
		 */
		private Duration abandonAfter = Duration.ofMinutes(10);

		public String getUserIdKey() {
			return this.userIdKey;
		}

		public void setUserIdKey(String userIdKey) {
			this.userIdKey = userIdKey;
		}

		public Duration getAbandonAfter() {
			return this.abandonAfter;
		}

		public void setAbandonAfter(Duration abandonAfter) {
			this.abandonAfter = abandonAfter;
		}

	}

	/**
	 * The run log: one JSON line per run on the "vigil.runs" logger.
	 */
	public static class RunLog {

		/**
		 * Whether each run is written as one JSON line on the "vigil.runs" logger at INFO.
		 */
		private boolean enabled = true;

		/**
		 * Maximum number of characters of input, output, tool arguments and error messages kept in the run log.
		 */
		private int maxContentLength = 500;

		/**
		 * Whether e-mail addresses, phone numbers and payment card numbers are masked in the run log.
		 */
		private boolean redactPii = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxContentLength() {
			return this.maxContentLength;
		}

		public void setMaxContentLength(int maxContentLength) {
			this.maxContentLength = maxContentLength;
		}

		public boolean isRedactPii() {
			return this.redactPii;
		}

		public void setRedactPii(boolean redactPii) {
			this.redactPii = redactPii;
		}

	}

	/**
	 * Traces: runs, model calls and tool calls as Micrometer Observations.
	 */
	public static class Tracing {

		/**
		 * Whether prompts, answers, tool arguments and tool results are added to spans. They may hold personal
		 * data.
		 */
		private boolean includeContent;

		public boolean isIncludeContent() {
			return this.includeContent;
		}

		public void setIncludeContent(boolean includeContent) {
			this.includeContent = includeContent;
		}

	}

}
