package io.github.vigil.autoconfigure;

import java.util.Map;

import io.github.vigil.Vigil;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The agent console, a page of the application's own at {@code vigil.console.path} (default {@code /vigil}), off
 * unless {@code vigil.console.enabled=true}. It is static HTML, CSS and JavaScript that read the {@code vigil}
 * Actuator endpoint from the browser, so it shows only what that endpoint exposes to whoever opens it: secure the
 * endpoint, and the page with it.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = VigilAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean(Vigil.class)
@ConditionalOnBooleanProperty(name = "vigil.console.enabled")
@EnableConfigurationProperties(ConsoleProperties.class)
public final class VigilConsoleAutoConfiguration {

	/** Where the page's files are, on the class path; never under a location Boot serves by itself. */
	static final String LOCATION = "classpath:/io/github/vigil/console/";

	/** Where the chart library is, in its webjar: served under the console's own path, not from a CDN. */
	static final String CHARTS = "classpath:/META-INF/resources/webjars/uplot/1.6.30/dist/";

	@Bean
	WebMvcConfigurer vigilConsolePages(ConsoleProperties properties) {
		String path = path(properties);
		return new WebMvcConfigurer() {

			@Override
			public void addResourceHandlers(ResourceHandlerRegistry registry) {
				registry.addResourceHandler(path + "/lib/**").addResourceLocations(CHARTS);
				registry.addResourceHandler(path + "/**").addResourceLocations(LOCATION);
			}

			@Override
			public void addViewControllers(ViewControllerRegistry registry) {
				registry.addRedirectViewController(path, path + "/");
				registry.addViewController(path + "/").setViewName("forward:" + path + "/index.html");
			}

		};
	}

	/** Tells the page where the {@code vigil} endpoint is. */
	@Bean
	RouterFunction<ServerResponse> vigilConsoleSettings(ConsoleProperties properties, Environment environment) {
		return RouterFunctions.route()
			.GET(path(properties) + "/settings.json",
					(request) -> ServerResponse.ok()
						.body(Map.of("endpoint", VigilAutoConfiguration.endpointPath(environment), "refreshSeconds",
								properties.getRefresh().toSeconds())))
			.build();
	}

	private static String path(ConsoleProperties properties) {
		String path = properties.getPath();
		String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
		return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
	}

}
