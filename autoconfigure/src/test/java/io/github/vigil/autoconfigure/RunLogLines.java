package io.github.vigil.autoconfigure;

import java.util.List;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run-log lines written during a test, read as JSON. Register with {@code @RegisterExtension}.
 */
final class RunLogLines implements BeforeEachCallback, AfterEachCallback {

	private final Logger logger = (Logger) LoggerFactory.getLogger("vigil.runs");

	private final ObjectMapper json = new ObjectMapper();

	private ListAppender<ILoggingEvent> appender = new ListAppender<>();

	@Override
	public void beforeEach(ExtensionContext context) {
		this.appender = new ListAppender<>();
		this.appender.start();
		this.logger.addAppender(this.appender);
		// the lines are asserted, so they are kept out of the build's output
		this.logger.setAdditive(false);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.logger.detachAppender(this.appender);
		this.logger.setAdditive(true);
	}

	List<ILoggingEvent> events() {
		return this.appender.list;
	}

	JsonNode single() throws Exception {
		assertThat(this.appender.list).hasSize(1);
		return this.json.readTree(this.appender.list.get(0).getFormattedMessage());
	}

	JsonNode json(int index) throws Exception {
		assertThat(this.appender.list).hasSizeGreaterThan(index);
		return this.json.readTree(this.appender.list.get(index).getFormattedMessage());
	}

	JsonNode awaitSingle() throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (this.appender.list.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(10);
		}
		return single();
	}

}
