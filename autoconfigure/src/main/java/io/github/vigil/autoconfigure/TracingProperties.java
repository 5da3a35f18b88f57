package io.github.vigil.autoconfigure;

import io.github.vigil.Vigil;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Traces: runs, model calls and tool calls as Micrometer Observations.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@ConfigurationProperties("vigil.tracing")
public class TracingProperties {

	/**
	 * Whether prompts, answers, tool arguments and tool results are added to spans. They may hold personal
	 * data.
	 */
	private boolean includeContent = Vigil.DEFAULT_INCLUDE_CONTENT_IN_TRACES;

	/**
	 * Whether runs and steps are observed through the application's ObservationRegistry. By default they are
	 * when an observation handler other than a meter handler is registered (a tracer's, for example): with
	 * meter handlers alone nothing would read them, since Vigil records its meters itself.
	 */
	private @Nullable Boolean enabled;

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public void setEnabled(@Nullable Boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isIncludeContent() {
		return this.includeContent;
	}

	public void setIncludeContent(boolean includeContent) {
		this.includeContent = includeContent;
	}

}
