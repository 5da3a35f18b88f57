package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The run log: one JSON line per run on the "vigil.runs" logger.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.run-log")
public class RunLogProperties {

	/**
	 * Whether each run is written as one JSON line on the "vigil.runs" logger at INFO.
	 */
	private boolean enabled = Vigil.DEFAULT_RUN_LOG;

	/**
	 * Maximum number of characters of input, output, tool arguments and error messages kept in the run log.
	 */
	private int maxContentLength = Vigil.DEFAULT_MAX_CONTENT_LENGTH;

	/**
	 * Whether e-mail addresses, phone numbers and payment card numbers are masked in the run log.
	 */
	private boolean redactPii = Vigil.DEFAULT_REDACT_PII;

	/**
	 * Whether each run-log event also carries the run's fields as one structured key-value pair, "run", which
	 * structured logging writes as a JSON object. By default it does when Spring Boot's structured logging
	 * (logging.structured.format.console or .file) is configured.
	 */
	private @Nullable Boolean structured;

	public @Nullable Boolean getStructured() {
		return this.structured;
	}

	public void setStructured(@Nullable Boolean structured) {
		this.structured = structured;
	}

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
