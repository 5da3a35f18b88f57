package io.github.vigil.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.github.vigil.Vigil;
import io.github.vigil.sample.agent.OrdersEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat page in a real browser: Debian's chromium, headless, through chromium-driver. A chat reply shows its
 * run; at phone width Send is reachable. The agent console has its own specification ({@code ConsoleBrowserTests}).
 * Screenshots at both widths go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@EnabledIf(value = "browserInstalled",
		disabledReason = "chromium and chromium-driver are not installed (Debian packages); .ci/run installs them")
class BrowserTests {

	static final int PORT = SampleTestSupport.freePort();

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static ChromeDriver browser;

	@Autowired
	OrdersEndpoint endpoint;

	@Autowired
	Vigil vigil;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	static boolean browserInstalled() {
		return Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER);
	}

	@BeforeAll
	static void openBrowser() throws Exception {
		Files.createDirectories(SCREENSHOTS);
		browser = chromium();
	}

	/** Debian's chromium, headless, through its chromium-driver; no sandbox, as the tests may run as root. */
	static ChromeDriver chromium() {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,900");
		return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build(), options);
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.quit();
		}
	}

	private WebDriverWait waiting() {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	private static void screenshot(String name) throws Exception {
		File shot = browser.getScreenshotAs(OutputType.FILE);
		Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private void ask(String message) {
		WebElement input = browser.findElement(By.id("message"));
		input.clear();
		input.sendKeys(message);
		browser.findElement(By.id("send")).click();
	}

	@Test
	void aReplyShowsItsRunWithTheToolCalls() throws Exception {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.get("http://localhost:" + PORT + "/");

		ask("Where is my order ORD-10005?");

		WebElement run = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bot .run")));
		assertThat(run.findElement(By.cssSelector(".run-id")).getText()).matches("[0-9a-f-]{36}");
		assertThat(run.findElements(By.cssSelector(".tool-call"))).isNotEmpty()
			.anySatisfy((call) -> assertThat(call.getText()).startsWith("lookupOrder: ok"));
		assertThat(run.getText()).contains("tokens");
		assertThat(browser.findElement(By.id("console-link")).getAttribute("href")).endsWith("/vigil/");
		screenshot("chat-1280.png");
	}

	@Test
	void aRunOpensInTheConsoleWithItsSteps() {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.get("http://localhost:" + PORT + "/");
		ask("Where is my order ORD-10005?");
		WebElement run = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bot .run")));
		String runId = run.findElement(By.cssSelector(".run-id")).getText();

		run.findElement(By.cssSelector("a.open-run .run-id")).click();

		waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-title"), runId));
		assertThat(browser.findElements(By.cssSelector("#waterfall .step[data-kind=tool]")))
			.anySatisfy((step) -> assertThat(step.getText()).contains("lookupOrder", "success"));
		assertThat(browser.findElements(By.cssSelector("#waterfall .step[data-kind=model]"))).isNotEmpty();
	}

	@Test
	void theTwoAgentPathShowsTheAgentsUnderTheReply() {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.get("http://localhost:" + PORT + "/");
		browser.findElement(By.id("workflow")).click();
		browser.findElement(By.id("message")).sendKeys("I want a refund for ORD-10020");
		browser.findElement(By.id("send")).click();

		List<WebElement> agents = waiting()
			.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector(".run .agent"), 1));
		assertThat(agents).extracting(WebElement::getText).containsExactly("triage", "refunds");
	}

	@Test
	void aMessageTheApiRefusesGetsAClearMessageOnThePage() {
		browser.manage().window().setSize(new Dimension(1280, 900));
		browser.get("http://localhost:" + PORT + "/");

		browser.executeScript("document.getElementById('message').value = 'x'.repeat(4001);");
		browser.findElement(By.id("send")).click();

		WebElement error = waiting()
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bot.error span")));
		assertThat(error.getText()).startsWith("Please check your message:").contains("message");
		assertThat(browser.findElement(By.id("send")).isEnabled()).isTrue();
	}

	@Test
	void atPhoneWidthTheMessageBoxAndSendFitAndWork() throws Exception {
		browser.manage().window().setSize(new Dimension(390, 844));
		browser.get("http://localhost:" + PORT + "/");

		Number viewport = (Number) browser.executeScript("return document.documentElement.clientWidth;");
		WebElement send = browser.findElement(By.id("send"));
		WebElement message = browser.findElement(By.id("message"));
		assertThat(send.isDisplayed()).isTrue();
		assertThat(send.getRect().getX() + send.getRect().getWidth()).isLessThanOrEqualTo(viewport.intValue());
		assertThat(message.getRect().getX() + message.getRect().getWidth()).isLessThanOrEqualTo(viewport.intValue());
		assertThat(viewport.intValue()).as("the page is laid out for the phone, not shrunk from a desktop")
			.isLessThanOrEqualTo(400);
		ask("Has ORD-10012 shipped yet?");
		waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".bot .run")));
		screenshot("chat-390.png");
	}

}
