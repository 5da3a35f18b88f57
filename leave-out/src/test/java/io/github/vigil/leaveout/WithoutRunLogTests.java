package io.github.vigil.leaveout;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.RunSink;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An application that leaves {@code vigil-run-log} out: no run writes a line on {@code vigil.runs}, and the
 * application's sinks get every run as ever.
 */
class WithoutRunLogTests {

	interface Assistant {

		String chat(String message);

	}

	@Test
	void theModuleIsNotOnTheClassPath() {
		assertThatExceptionOfType(ClassNotFoundException.class)
			.isThrownBy(() -> Class.forName("io.github.vigil.log.JsonRunLog"));
	}

	@Test
	void aRunWritesNoLineAndReachesTheSinksAndTheMeters() {
		Logger runs = (Logger) LoggerFactory.getLogger("vigil.runs");
		ListAppender<ILoggingEvent> lines = new ListAppender<>();
		lines.start();
		runs.addAppender(lines);
		List<RunRecord> sunk = new CopyOnWriteArrayList<>();
		try (Vigil vigil = Vigil.builder(new SimpleMeterRegistry()).sink((RunSink) sunk::add).build()) {
			Assistant assistant = AiServices.builder(Assistant.class).chatModel(vigil.observe(new ChatModel() {
				@Override
				public ChatResponse doChat(ChatRequest request) {
					return ChatResponse.builder().aiMessage(AiMessage.from("Hello.")).build();
				}
			})).build();

			assertThat(assistant.chat("Hi")).isEqualTo("Hello.");
			assertThat(sunk).singleElement().satisfies((run) -> assertThat(run.output()).isEqualTo("Hello."));
			assertThat(lines.list).isEmpty();
		}
		finally {
			runs.detachAppender(lines);
		}
	}

}
