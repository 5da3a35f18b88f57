package io.github.vigil.sample;

import java.net.http.HttpResponse;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.github.vigil.sample.SampleTestSupport.chat;
import static io.github.vigil.sample.SampleTestSupport.post;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the model cannot be reached the chat API answers 503 with a clear message, and the failed run is logged.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class ModelOutageTests {

	static final int PORT = SampleTestSupport.freePort();

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("support.model.base-url", () -> "http://localhost:" + SampleTestSupport.freePort() + "/v1");
		registry.add("support.model.timeout", () -> "2s");
	}

	@Test
	void aModelOutageIs503WithAClearMessageAndTheRunIsLogged() throws Exception {
		Logger runLogger = (Logger) LoggerFactory.getLogger("vigil.runs");
		ListAppender<ILoggingEvent> runLog = new ListAppender<>();
		runLog.start();
		runLogger.addAppender(runLog);
		runLogger.setLevel(Level.INFO);
		runLogger.setAdditive(false);
		try {
			HttpResponse<String> response = post(PORT, "/api/chat", chat("u-1", "Where is my order ORD-10001?"));

			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.body()).contains("The assistant is unavailable right now");
			assertThat(runLog.list).hasSize(1);
			var line = new ObjectMapper().readTree(runLog.list.get(0).getFormattedMessage());
			assertThat(line.get("outcome").asText()).isEqualTo("error");
			assertThat(line.get("error").asText()).isEqualTo("connection");
		}
		finally {
			runLogger.detachAppender(runLog);
			runLogger.setAdditive(true);
		}
	}

}
