package io.github.vigil.sample;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console of an application that does not expose the {@code vigil} endpoint says so, and what to set, instead of
 * showing an empty page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "management.endpoints.web.exposure.include=health")
@EnabledIf(value = "io.github.vigil.sample.BrowserTests#browserInstalled",
		disabledReason = "chromium and chromium-driver are not installed (Debian packages); .ci/run installs them")
class ConsoleWithoutEndpointBrowserTests {

	static final int PORT = SampleTestSupport.freePort();

	private static ChromeDriver browser;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeAll
	static void openBrowser() {
		browser = BrowserTests.chromium();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	@Test
	void theConsoleSaysTheEndpointIsNotExposedAndWhatToSet() {
		browser.get("http://localhost:" + PORT + "/vigil/");

		WebElement problem = new WebDriverWait(browser, java.time.Duration.ofSeconds(20))
			.until(ExpectedConditions.visibilityOfElementLocated(By.id("problem")));
		assertThat(problem.getText()).contains("not exposed")
			.contains("management.endpoints.web.exposure.include");
	}

}
