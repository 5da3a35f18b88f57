package io.github.vigil.autoconfigure.traces;

import dev.langchain4j.invocation.InvocationParameters;
import io.github.vigil.autoconfigure.traces.TracedAgentApplication.SupportAgent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The traced support agent served as users serve agents: inside a web request, {@code POST /chat}, whose server
 * span Boot opens before the run starts.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(TracedAgentApplication.class)
public class TracedWebApplication {

	/** The chat API: the message is the body, the user and conversation are parameters; registered as a member. */
	@RestController
	public static class ChatController {

		private final SupportAgent agent;

		ChatController(SupportAgent agent) {
			this.agent = agent;
		}

		@PostMapping("/chat")
		public String chat(@RequestParam String user, @RequestParam String conversation, @RequestBody String message) {
			return this.agent.chat(conversation, message, InvocationParameters.from("userId", user));
		}

	}

}
