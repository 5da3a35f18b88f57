package io.github.vigil.sample.demo;

import java.util.concurrent.atomic.AtomicReference;

import io.github.vigil.autoconfigure.VigilBuilderCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The releases the demo ships without restarting: it starts as 1.4.1 and ships the fix as 1.4.2, and every run
 * records the release that served it, so the console marks the deploy and triage counts failures per release. An
 * application that deploys by restarting needs none of this: its version comes from {@code vigil.instance.version}
 * or Boot's build info.
 */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoReleases {

	/** The release serving when the demo starts. */
	static final String FIRST = "1.4.1";

	/** The release that points the orders tools back at the v2 API. */
	static final String FIX = "1.4.2";

	private final AtomicReference<String> serving = new AtomicReference<>(FIRST);

	@Bean
	VigilBuilderCustomizer demoRelease() {
		return (builder) -> builder.version(this.serving::get);
	}

	/**
	 * Ships a release: the runs that end from now on record it.
	 * @param version the release
	 */
	void ship(String version) {
		this.serving.set(version);
	}

	String serving() {
		return this.serving.get();
	}

}
