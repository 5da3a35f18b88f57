package io.github.vigil.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.info.GitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * This application instance on every run: its name and version, so that triage can tell which version and instance
 * a failure began on. The version is {@code vigil.instance.version}, else Boot's build info, else git's commit id.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@Configuration(proxyBeanMethods = false)
class VigilInstanceConfiguration {

	/** First of the customizers, so that an application's own customizer may set the version instead. */
	@Bean
	@Order(CustomizerOrder.INSTANCE)
	VigilBuilderCustomizer vigilInstanceCustomizer(VigilProperties properties, ObjectProvider<StoreProperties> store,
			ObjectProvider<BuildProperties> build,
			ObjectProvider<GitProperties> git) {
		return (builder) -> {
			StoreProperties storing = store.getIfAvailable();
			String name = (properties.getInstance().getName() != null) ? properties.getInstance().getName()
					: (storing != null) ? storing.getInstance() : null;
			if (name != null) {
				builder.instance(name);
			}
			builder.version(version(properties, build.getIfAvailable(), git.getIfAvailable()));
		};
	}

	static @Nullable String version(VigilProperties properties, @Nullable BuildProperties build,
			@Nullable GitProperties git) {
		if (properties.getInstance().getVersion() != null) {
			return properties.getInstance().getVersion();
		}
		if (build != null && build.getVersion() != null) {
			return build.getVersion();
		}
		return (git != null) ? git.getShortCommitId() : null;
	}

}
