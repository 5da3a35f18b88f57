package io.github.vigil.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The agent console: a page in the application that reads the vigil endpoint.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.console")
public class ConsoleProperties {

	/**
	 * Whether the agent console is served. It reads the vigil Actuator endpoint from the browser, so it shows what
	 * that endpoint exposes: secure both.
	 */
	private boolean enabled = false;

	/**
	 * Path of the agent console; its assets are beneath it.
	 */
	private String path = "/vigil";

	/**
	 * How often the console refreshes itself.
	 */
	private Duration refresh = Duration.ofSeconds(5);

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getPath() {
		return this.path;
	}

	public void setPath(String path) {
		this.path = path;
	}

	public Duration getRefresh() {
		return this.refresh;
	}

	public void setRefresh(Duration refresh) {
		this.refresh = refresh;
	}

}
