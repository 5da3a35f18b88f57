package io.github.vigil.autoconfigure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationParameters;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Spring Boot's structured logging (ECS here), every run field is a structured field of the log event, not a
 * string inside the JSON document that Datadog, Loki or CloudWatch would see as one opaque value.
 */
@SpringBootTest(properties = { "logging.config=classpath:structured-logback.xml",
		"logging.structured.format.console=ecs", "vigil.alerts.evaluation-interval=1h" })
@ExtendWith(OutputCaptureExtension.class)
class StructuredRunLogTests {

	@Autowired
	Agent agent;

	private final ObjectMapper json = new ObjectMapper();

	@Test
	void everyRunFieldIsAStructuredFieldOfTheEvent(CapturedOutput output) throws Exception {
		this.agent.chat("Where is ORD-1?", InvocationParameters.from("userId", "u-42"));

		JsonNode event = null;
		for (String line : output.getOut().split("\n")) {
			if (line.startsWith("{") && line.contains("\"vigil.runs\"")) {
				event = this.json.readTree(line);
			}
		}
		assertThat(event).as("an ECS event of the vigil.runs logger in:%n%s", output.getOut()).isNotNull();
		assertThat(event.get("log").get("logger").asText()).isEqualTo("vigil.runs");
		JsonNode run = event.get("run");
		assertThat(run.get("user_id").asText()).isEqualTo("u-42");
		assertThat(run.get("agent").asText()).isEqualTo("Agent");
		assertThat(run.get("outcome").asText()).isEqualTo("completed");
		assertThat(run.get("tokens_used").asLong()).isEqualTo(60);
		assertThat(run.get("tool_calls").get(0).get("tool").asText()).isEqualTo("lookupOrder");
		assertThat(run.get("tool_calls").get(0).get("success").asBoolean()).isTrue();
		assertThat(run.get("guard_trips").isArray()).isTrue();
		assertThat(this.json.readTree(event.get("message").asText()).get("run_id").asText())
			.as("the message stays the one JSON line")
			.isEqualTo(run.get("run_id").asText());
	}

	interface Agent {

		String chat(@UserMessage String message, InvocationParameters parameters);

	}

	static class Tools {

		@Tool("Looks up an order")
		String lookupOrder(String id) {
			return "{\"id\":\"" + id + "\",\"status\":\"shipped\"}";
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		@Bean
		ChatModel chatModel() {
			return new ToolThenAnswerModel("lookupOrder", "{\"arg0\":\"ORD-1\"}", "It shipped.", new TokenUsage(25, 5));
		}

		@Bean
		Agent agent(ChatModel chatModel) {
			return AiServices.builder(Agent.class).chatModel(chatModel).tools(new Tools()).build();
		}

	}

}
