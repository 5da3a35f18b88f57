package io.github.vigil.sample;

import java.io.File;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * README's Spring Boot quick start runs as pasted: its four files are taken from README, the build file checked
 * against what this build uses, the sources compiled as the starter parent compiles them, and the application started
 * against a local server that speaks OpenAI's API; asked about an order, it answers through its tool, and Prometheus,
 * the vigil endpoint and the console show the run. README cannot drift from what works.
 */
class QuickStartTests {

	private static final Path README = Path.of("../README.md");

	private static final Pattern BLOCK = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL);

	private WireMockServer openAi;

	@BeforeEach
	void startOpenAi() {
		this.openAi = new WireMockServer(wireMockConfig().dynamicPort());
		this.openAi.start();
		this.openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(2).willReturn(json("""
				{"id":"c1","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
				 "message":{"role":"assistant","content":null,"tool_calls":[{"id":"call_1","type":"function",
				 "function":{"name":"lookupOrder","arguments":"{\\"orderId\\":\\"ORD-10042\\"}"}}]},
				 "finish_reason":"tool_calls"}],"usage":{"prompt_tokens":80,"completion_tokens":12,"total_tokens":92}}""")));
		this.openAi.stubFor(post(urlEqualTo("/v1/chat/completions")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.messages[?(@.role == 'tool')]"))
			.willReturn(json("""
					{"id":"c2","object":"chat.completion","created":1,"model":"gpt-4o-mini","choices":[{"index":0,
					 "message":{"role":"assistant","content":"Your order ORD-10042 has shipped."},"finish_reason":"stop"}],
					 "usage":{"prompt_tokens":120,"completion_tokens":9,"total_tokens":129}}""")));
	}

	@AfterEach
	void stopOpenAi() {
		this.openAi.stop();
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** The quick start's code blocks, in order, with their languages. */
	private static List<String[]> blocks() throws Exception {
		String readme = Files.readString(README);
		int start = readme.indexOf("## Spring Boot quick start");
		int end = readme.indexOf("\n## ", start + 5);
		Matcher block = BLOCK.matcher(readme.substring(start, end));
		List<String[]> blocks = new ArrayList<>();
		while (block.find()) {
			blocks.add(new String[] { block.group(1), block.group(2) });
		}
		return blocks;
	}

	@Test
	void theBuildFileUsesWhatThisBuildIsTestedWith() throws Exception {
		String pom = blocks().stream().filter((b) -> b[0].equals("xml")).findFirst().orElseThrow()[1];

		assertThat(pom).contains("<artifactId>spring-boot-starter-parent</artifactId>\n        <version>"
				+ SpringBootVersion.getVersion() + "</version>");
		assertThat(pom).contains("<artifactId>vigil-spring-boot-starter</artifactId>",
				"<artifactId>spring-boot-starter-webmvc</artifactId>");
		String classPath = System.getProperty("java.class.path");
		Matcher artifact = Pattern.compile("<dependency>\\s*<groupId>[^<]+</groupId>\\s*<artifactId>([^<]+)</artifactId>")
			.matcher(pom);
		int dependencies = 0;
		while (artifact.find()) {
			dependencies++;
			assertThat(classPath).as("%s is what this build tests with", artifact.group(1))
				.contains(File.separator + artifact.group(1) + "-");
		}
		assertThat(dependencies).isEqualTo(6);
		Matcher langchain4j = Pattern.compile("<artifactId>(langchain4j[-a-z]*)</artifactId>\\s*<version>([^<]+)</version>")
			.matcher(pom);
		while (langchain4j.find()) {
			assertThat(classPath).contains(langchain4j.group(1) + "-" + langchain4j.group(2) + ".jar");
		}
	}

	@Test
	void theApplicationPastedFromReadmeStartsAnswersAndIsObserved(@TempDir Path project) throws Exception {
		List<File> sources = new ArrayList<>();
		Path config = Files.createDirectories(project.resolve("config"));
		for (String[] block : blocks()) {
			if (block[0].equals("java")) {
				Matcher type = Pattern.compile("public (?:class|interface) (\\w+)").matcher(block[1]);
				assertThat(type.find()).isTrue();
				Path source = project.resolve("src/com/example/support/" + type.group(1) + ".java");
				Files.createDirectories(source.getParent());
				Files.writeString(source, block[1]);
				sources.add(source.toFile());
			}
			else if (block[0].equals("yaml")) {
				Files.writeString(config.resolve("application.yml"), block[1]);
			}
		}
		assertThat(sources).hasSize(2);
		Path classes = Files.createDirectories(project.resolve("classes"));
		JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of("-parameters", "-classpath",
				System.getProperty("java.class.path"), "-d", classes.toString()));
		sources.forEach((source) -> arguments.add(source.getPath()));
		assertThat(javac.run(null, null, null, arguments.toArray(String[]::new))).as("the pasted sources compile")
			.isZero();

		ClassLoader previous = Thread.currentThread().getContextClassLoader();
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, getClass().getClassLoader())) {
			Thread.currentThread().setContextClassLoader(loader);
			Class<?> application = loader.loadClass("com.example.support.SupportApplication");
			try (ConfigurableApplicationContext app = new SpringApplicationBuilder(application)
				.resourceLoader(new DefaultResourceLoader(loader))
				.run("--server.port=0", "--spring.main.banner-mode=off",
						"--spring.config.additional-location=file:" + config + "/",
						"--openai.base-url=" + this.openAi.baseUrl() + "/v1", "--openai.api-key=test-key")) {
				int port = ((WebServerApplicationContext) app).getWebServer().getPort();
				HttpClient http = HttpClient.newHttpClient();
				HttpResponse<String> answer = http.send(HttpRequest
					.newBuilder(URI.create("http://localhost:" + port + "/chat?user=u-1042"))
					.header("Content-Type", "text/plain")
					.POST(HttpRequest.BodyPublishers.ofString("Where is my order ORD-10042?"))
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(answer.statusCode()).isEqualTo(200);
				assertThat(answer.body()).isEqualTo("Your order ORD-10042 has shipped.");
				String prometheus = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
						+ "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
				assertThat(prometheus).containsPattern(
						"gen_ai_execute_tool_duration_seconds_count\\{[^}]*gen_ai_tool_name=\"lookupOrder\"[^}]*outcome=\"success\"");
				assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
						+ "/actuator/vigil/runs?user=u-1042")).build(), HttpResponse.BodyHandlers.ofString()).body())
					.contains("\"outcome\":\"completed\"");
				assertThat(http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/vigil/")).build(),
						HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
			}
		}
		finally {
			Thread.currentThread().setContextClassLoader(previous);
		}
	}

}
