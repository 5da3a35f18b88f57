package io.github.vigil.sample;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertEvaluator;
import io.github.vigil.sample.agent.OrdersEndpoint;
import io.github.vigil.sample.agent.Policies;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The agent console as a person sees it, in a real browser at 1280 px and at 390 px (Chromium's mobile emulation):
 * with four tools at the same rate no two labels overlap, no text is smaller than 11 px on the phone, every table
 * fits its box, the page logs no error; during the incident the triage panel opens on the alerting tool with local
 * times, the HTML page's title as the error and replay only where it is allowed. Screenshots go to
 * {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
		properties = "vigil.instance.version=1.4.1")
@EnabledIf(value = "io.github.vigil.sample.BrowserTests#browserInstalled",
		disabledReason = "chromium and chromium-driver are not installed (Debian packages); .ci/run installs them")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTests {

	static final int PORT = SampleTestSupport.freePort();

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private static ChromeDriver desktop;

	private static ChromeDriver phone;

	@Autowired
	OrdersEndpoint endpoint;

	@Autowired
	Vigil vigil;

	@Autowired
	Policies policies;

	@DynamicPropertySource
	static void port(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@BeforeAll
	static void openBrowsers() throws Exception {
		Files.createDirectories(SCREENSHOTS);
		desktop = chromium(null);
		phone = chromium(Map.of("deviceMetrics", Map.of("width", 390, "height", 844, "pixelRatio", 1.0)));
	}

	/** Debian's chromium, headless; at a phone's width through mobile emulation, since headless windows are wider. */
	private static ChromeDriver chromium(Map<String, Object> mobile) {
		ChromeOptions options = new ChromeOptions();
		options.setBinary(new File("/usr/bin/chromium"));
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1280,1800");
		if (mobile != null) {
			options.setExperimentalOption("mobileEmulation", mobile);
		}
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		return new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver"))
			.usingAnyFreePort()
			.build(), options);
	}

	@AfterAll
	static void closeBrowsers() {
		for (ChromeDriver browser : new ChromeDriver[] { desktop, phone }) {
			if (browser != null) {
				browser.quit();
			}
		}
	}

	private static WebDriverWait waiting(ChromeDriver browser) {
		return new WebDriverWait(browser, Duration.ofSeconds(20));
	}

	/** The whole page, not only what the window shows: what a person scrolls through. */
	private static void screenshot(ChromeDriver browser, String name) throws Exception {
		Number width = (Number) browser.executeScript("return document.documentElement.scrollWidth;");
		Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight;");
		Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("captureBeyondViewport",
				true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
		Files.write(SCREENSHOTS.resolve(name), java.util.Base64.getDecoder().decode((String) shot.get("data")));
	}

	private static void chat(String user, String message) throws Exception {
		assertThat(SampleTestSupport.post(PORT, "/api/chat", SampleTestSupport.chat(user, message)).statusCode())
			.isEqualTo(200);
	}

	/** Opens the console and waits until its tables and charts are drawn. */
	private static void open(ChromeDriver browser, int tools) {
		browser.get("http://localhost:" + PORT + "/vigil/");
		waiting(browser).until((driver) -> driver.findElements(By.cssSelector("#tools tr[data-tool]")).size() >= tools);
		waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tools-chart canvas")));
		waiting(browser).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tokens-chart canvas")));
	}

	@Test
	@Order(0)
	void beforeAnyRunThePageSaysSoInsteadOfDrawingNothing() {
		for (ChromeDriver browser : new ChromeDriver[] { desktop, phone }) {
			browser.get("http://localhost:" + PORT + "/vigil/");
			WebElement hint = waiting(browser)
				.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#tools-chart .hint")));
			assertThat(hint.getText()).isEqualTo("No tool calls in this range.");
			assertThat(browser.findElement(By.id("tokens-chart")).getText()).isEqualTo("No runs in this range.");
			assertThat(browser.findElement(By.id("problem")).isDisplayed()).isFalse();
			assertThat(consoleErrors(browser)).as("errors the page logged").isEmpty();
		}
	}

	@Test
	@Order(1)
	void withFourToolsAtTheSameRateNoLabelsOverlapAndEverythingFitsAndReadsAtBothWidths() throws Exception {
		for (int i = 0; i < 3; i++) {
			chat("user-" + i, "Where is my order ORD-1001" + i + "?");
			chat("user-" + i, "Please cancel my order ORD-1002" + i + ".");
			chat("user-" + i, "I want a refund for ORD-1003" + i + ".");
			chat("user-" + i, "Nothing works, I need a human for ORD-1004" + i + "!");
		}
		this.vigil.flushRuns(Duration.ofSeconds(10));

		for (ChromeDriver browser : new ChromeDriver[] { desktop, phone }) {
			open(browser, 4);
			assertThat(browser.findElements(By.cssSelector("#tools tr[data-tool] .success")))
				.extracting(WebElement::getText)
				.containsOnly("100.0%");
			assertThat(overlappingLabels(browser)).as("labels whose boxes overlap").isEmpty();
			assertThat(tablesWiderThanTheirBox(browser)).as("tables wider than their box").isEmpty();
			assertThat(consoleErrors(browser)).as("errors the page logged").isEmpty();
		}
		assertThat(textSmallerThan(phone, 11)).as("text under 11 px at 390 px").isEmpty();
		Number width = (Number) phone.executeScript("return document.documentElement.scrollWidth;");
		assertThat(width.intValue()).as("no sideways scrolling at phone width").isLessThanOrEqualTo(390);
		screenshot(desktop, "console-healthy-1280.png");
		screenshot(phone, "console-healthy-390.png");
	}

	@Test
	@Order(2)
	void duringTheIncidentTriageOpensOnTheAlertingToolAndSaysWhatFailedSinceWhenAndOnWhichVersion()
			throws Exception {
		String healthy = this.endpoint.baseUrl();
		this.endpoint.switchTo(healthy.replace("/api/v2", "/api/v1"));
		try {
			for (int i = 0; i < 24; i++) {
				chat("user-" + (i % 7), "Where is my order ORD-100" + (10 + i) + "?");
			}
		}
		finally {
			this.endpoint.switchTo(healthy);
		}
		AlertEvaluator.of(this.vigil).evaluate();
		this.vigil.flushRuns(Duration.ofSeconds(10));

		open(desktop, 1);
		WebElement rate = desktop.findElement(By.cssSelector("#tools tr[data-tool='lookupOrder'] .success"));
		assertThat(rate.getText()).endsWith("▼");
		WebElement alert = waiting(desktop).until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#alerts li[data-alert='tool-error-rate'][data-subject='lookupOrder']")));
		assertThat(alert.getText()).contains("firing", "critical", "fired ");
		WebElement summary = waiting(desktop)
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#summary[data-tool='lookupOrder']")));
		assertThat(summary.getText()).as("the triage panel opens on the alerting tool, the error as people read it")
			.contains("html_response", "API v1 retired")
			.doesNotContain("<html", "<!DOCTYPE");
		assertThat(desktop.findElement(By.id("by-version")).getText()).contains("1.4.1");
		assertThat(desktop.findElement(By.cssSelector("#failures tbody tr td")).getText())
			.as("times in the reader's own zone, not ISO instants")
			.doesNotContain("T")
			.doesNotEndWith("Z");
		WebElement resolution = waiting(desktop).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#evals tr[data-agent='SupportAgent'] td:last-child")));
		assertThat(resolution.getText()).as("the week's resolution rate").matches("\\d{1,3}\\.\\d%( ▼)?");
		screenshot(desktop, "console-incident-1280.png");

		desktop.findElement(By.cssSelector("#failures a[data-run]")).click();
		List<WebElement> steps = waiting(desktop).until(ExpectedConditions
			.numberOfElementsToBeMoreThan(By.cssSelector("#waterfall .step"), 1));
		assertThat(steps).filteredOn((step) -> "error".equals(step.getAttribute("data-outcome")))
			.first()
			.satisfies((step) -> assertThat(step.getText()).contains("lookupOrder", "html_response"));
		for (WebElement step : steps) {
			boolean replayable = step.getText().contains("tool lookupOrder");
			assertThat(step.findElements(By.cssSelector("button[data-replay]")))
				.as("replay only on tools replay allows: %s", step.getText())
				.hasSize(replayable ? 1 : 0);
		}
		desktop.findElement(By.cssSelector("#run-facts a[href^='#conversation/']")).click();
		waiting(desktop).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#conversation-runs tr[data-run]")));
		screenshot(desktop, "console-waterfall-1280.png");
		assertThat(consoleErrors(desktop)).isEmpty();

		open(phone, 1);
		waiting(phone).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#summary[data-tool='lookupOrder']")));
		assertThat(overlappingLabels(phone)).isEmpty();
		assertThat(tablesWiderThanTheirBox(phone)).isEmpty();
		assertThat(textSmallerThan(phone, 11)).isEmpty();
		screenshot(phone, "console-incident-390.png");
	}

	@Test
	@Order(3)
	void aReindexThatEmptiedThePoliciesShowsAsTheRetrieversAlertAndAsEmptyRetrievalsInTheWaterfall() throws Exception {
		String runId = null;
		this.policies.removeAll();
		try {
			for (int i = 0; i < 12; i++) {
				var reply = SampleTestSupport.post(PORT, "/api/chat",
						SampleTestSupport.chat("user-" + (i % 5), "How long do I have to return something?"));
				assertThat(reply.statusCode()).isEqualTo(200);
				runId = new ObjectMapper().readTree(reply.body()).get("runId").asText();
			}
		}
		finally {
			this.policies.index();
		}
		AlertEvaluator.of(this.vigil).evaluate();
		this.vigil.flushRuns(Duration.ofSeconds(10));

		// the shop's guardrail refuses a card number: the console counts it
		var refused = SampleTestSupport.post(PORT, "/api/chat",
				SampleTestSupport.chat("user-1", "My card is 4111 1111 1111 1111, refund me"));
		assertThat(refused.statusCode()).isEqualTo(200);
		assertThat(refused.body()).contains("card numbers");

		open(desktop, 1);
		WebElement guardrail = waiting(desktop).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#guardrails tr[data-guardrail='NoCardNumbers']")));
		assertThat(guardrail.getText()).contains("NoCardNumbers");
		assertThat(guardrail.findElement(By.cssSelector("td:nth-child(3)")).getText()).isEqualTo("1");
		WebElement alert = waiting(desktop).until(ExpectedConditions.visibilityOfElementLocated(
				By.cssSelector("#alerts li[data-alert='retrieval-empty-rate'][data-subject='policies']")));
		assertThat(alert.getText()).contains("firing", "Retriever policies found nothing in 100.0% of 12 retrievals");
		desktop.get("http://localhost:" + PORT + "/vigil/#run/" + runId);
		WebElement retrieval = waiting(desktop).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#waterfall .step[data-kind='retrieval']")));
		assertThat(retrieval.getText()).contains("retrieval policies", "empty");
		assertThat(desktop.findElements(By.cssSelector("#waterfall .step[data-kind='vector_search']"))).hasSize(1);
		assertThat(desktop.findElements(By.cssSelector("#waterfall .step[data-kind='embedding']"))).hasSize(1);
		screenshot(desktop, "console-retrieval-1280.png");
		assertThat(consoleErrors(desktop)).isEmpty();

		phone.get("http://localhost:" + PORT + "/vigil/#run/" + runId);
		waiting(phone).until(ExpectedConditions
			.visibilityOfElementLocated(By.cssSelector("#waterfall .step[data-kind='retrieval']")));
		assertThat(tablesWiderThanTheirBox(phone)).isEmpty();
		assertThat(textSmallerThan(phone, 11)).isEmpty();
		screenshot(phone, "console-retrieval-390.png");
	}

	/** Asks once for an order to be looked up and cancelled: two tool calls the MCP server answers. */
	interface Desk {

		String chat(String message);

	}

	@Test
	@Order(4)
	void toolsAnMcpServerServesShowAsOneServerAndItsTableFitsAndReadsAtBothWidths() throws Exception {
		io.github.vigil.test.McpOrdersServer carrier = new io.github.vigil.test.McpOrdersServer();
		try (dev.langchain4j.mcp.client.McpClient client = new dev.langchain4j.mcp.client.DefaultMcpClient.Builder()
			.key("orders-backend")
			.transport(new dev.langchain4j.mcp.client.transport.http.StreamableHttpMcpTransport.Builder()
				.url(carrier.url())
				.build())
			.build()) {
			// the application's own Vigil observes an agent whose tools the server serves
			Desk desk = dev.langchain4j.service.AiServices.builder(Desk.class)
				.chatModel(this.vigil.observe(new dev.langchain4j.model.chat.ChatModel() {
					@Override
					public dev.langchain4j.model.chat.response.ChatResponse doChat(
							dev.langchain4j.model.chat.request.ChatRequest request) {
						long results = request.messages()
							.stream()
							.filter(dev.langchain4j.data.message.ToolExecutionResultMessage.class::isInstance)
							.count();
						dev.langchain4j.data.message.AiMessage reply = (results < 2)
								? dev.langchain4j.data.message.AiMessage.from(
										dev.langchain4j.agent.tool.ToolExecutionRequest.builder()
											.id("call-" + results)
											.name((results == 0) ? "lookupOrder" : "cancelOrder")
											.arguments("{\"id\":\"ORD-1\"}")
											.build())
								: dev.langchain4j.data.message.AiMessage.from("I could not cancel it.");
						return dev.langchain4j.model.chat.response.ChatResponse.builder().aiMessage(reply).build();
					}
				}))
				.toolProvider(dev.langchain4j.mcp.McpToolProvider.builder().mcpClients(client).build())
				.build();
			assertThat(desk.chat("Cancel ORD-1")).isEqualTo("I could not cancel it.");
		}
		finally {
			carrier.stop();
		}
		this.vigil.flushRuns(Duration.ofSeconds(10));

		for (ChromeDriver browser : new ChromeDriver[] { desktop, phone }) {
			open(browser, 1);
			WebElement server = waiting(browser).until(ExpectedConditions
				.visibilityOfElementLocated(By.cssSelector("#servers tr[data-server='orders-backend']")));
			assertThat(server.getText()).contains("orders-backend", "cancelOrder, lookupOrder");
			assertThat(server.findElement(By.cssSelector("td:nth-child(3)")).getText()).isEqualTo("1");
			assertThat(tablesWiderThanTheirBox(browser)).as("tables wider than their box").isEmpty();
			assertThat(consoleErrors(browser)).as("errors the page logged").isEmpty();
		}
		assertThat(textSmallerThan(phone, 11)).as("text under 11 px at 390 px").isEmpty();
		Number width = (Number) phone.executeScript("return document.documentElement.scrollWidth;");
		assertThat(width.intValue()).as("no sideways scrolling at phone width").isLessThanOrEqualTo(390);
		screenshot(desktop, "console-mcp-1280.png");
		screenshot(phone, "console-mcp-390.png");
	}

	/** The pairs of visible text labels in and beside the charts whose boxes overlap. */
	@SuppressWarnings("unchecked")
	private static List<String> overlappingLabels(ChromeDriver browser) {
		return (List<String>) browser.executeScript("""
				const labels = Array.from(document.querySelectorAll('.chart .u-legend .u-label, .chart .u-legend .u-value,'
				  + ' .legend-list li, .chart p'))
				  .filter((e) => e.offsetParent !== null && e.textContent.trim())
				  .map((e) => ({ text: e.textContent.trim(), box: e.getBoundingClientRect() }))
				  .filter((l) => l.box.width > 0 && l.box.height > 0);
				const overlaps = [];
				for (let i = 0; i < labels.length; i++) {
				  for (let j = i + 1; j < labels.length; j++) {
				    const a = labels[i].box, b = labels[j].box;
				    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5) {
				      overlaps.push(labels[i].text + ' / ' + labels[j].text);
				    }
				  }
				}
				return overlaps;""");
	}

	/** The tables whose content is wider than the box they are in. */
	@SuppressWarnings("unchecked")
	private static List<String> tablesWiderThanTheirBox(ChromeDriver browser) {
		return (List<String>) browser.executeScript("""
				return Array.from(document.querySelectorAll('table'))
				  .filter((t) => t.offsetParent !== null)
				  .filter((t) => t.scrollWidth > t.parentElement.clientWidth + 1)
				  .map((t) => (t.id || t.parentElement.id || 'table') + ': ' + t.scrollWidth + ' > ' + t.parentElement.clientWidth);""");
	}

	/** The visible texts set in a font smaller than the size given, in px. */
	@SuppressWarnings("unchecked")
	private static List<String> textSmallerThan(ChromeDriver browser, int pixels) {
		return (List<String>) browser.executeScript("""
				const small = [];
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				while (walker.nextNode()) {
				  const text = walker.currentNode.textContent.trim();
				  const element = walker.currentNode.parentElement;
				  if (!text || !element || element.offsetParent === null) continue;
				  const size = parseFloat(getComputedStyle(element).fontSize);
				  if (size < arguments[0]) small.push(text.substring(0, 40) + ' (' + size + 'px)');
				}
				return small;""", pixels);
	}

	private static List<String> consoleErrors(ChromeDriver browser) {
		return browser.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

}
