package io.github.vigil.sample.demo;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The offline demo model: an OpenAI-compatible chat-completions endpoint served by the application itself, called
 * through the same {@code OpenAiChatModel} over HTTP as a real provider. It is a scripted stand-in, not an LLM: see
 * {@link DemoScript}. Token usage is counted with jtokkit on the actual text.
 */
@RestController
public class DemoModelController {

	static final String MODEL = "vigil-demo-model";

	private final ObjectMapper json = new ObjectMapper();

	private final Encoding encoding = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE);

	private final DemoScript script;

	private final AtomicLong ids = new AtomicLong();

	public DemoModelController(DemoScript script) {
		this.script = script;
	}

	@PostMapping(path = "/demo-model/v1/chat/completions", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> complete(@RequestBody String body) throws Exception {
		JsonNode request = this.json.readTree(body);
		List<DemoScript.Message> messages = new ArrayList<>();
		int promptTokens = 3;
		for (JsonNode message : request.path("messages")) {
			String role = message.path("role").asText();
			String content = text(message.path("content"));
			String toolName = null;
			String toolArguments = null;
			JsonNode calls = message.path("tool_calls");
			if (calls.isArray() && !calls.isEmpty()) {
				toolName = calls.get(0).path("function").path("name").asText();
				toolArguments = calls.get(0).path("function").path("arguments").asText();
			}
			messages.add(new DemoScript.Message(role, content, toolName, toolArguments));
			promptTokens += 4 + count(content) + count(toolName) + count(toolArguments);
		}
		for (JsonNode tool : request.path("tools")) {
			promptTokens += count(tool.toString());
		}
		DemoScript.Reply reply = this.script.reply(messages);
		Thread.sleep(reply.latencyMillis());
		ObjectNode response = this.json.createObjectNode();
		response.put("id", "chatcmpl-demo-" + this.ids.incrementAndGet());
		response.put("object", "chat.completion");
		response.put("created", Instant.now().getEpochSecond());
		response.put("model", MODEL + "-2026-11");
		ObjectNode choice = response.putArray("choices").addObject();
		choice.put("index", 0);
		ObjectNode message = choice.putObject("message");
		message.put("role", "assistant");
		int completionTokens;
		if (reply.toolName() != null) {
			message.putNull("content");
			ArrayNode calls = message.putArray("tool_calls");
			ObjectNode call = calls.addObject();
			call.put("id", "call_" + this.ids.incrementAndGet());
			call.put("type", "function");
			call.putObject("function").put("name", reply.toolName()).put("arguments", reply.toolArguments());
			choice.put("finish_reason", "tool_calls");
			completionTokens = count(reply.toolName()) + count(reply.toolArguments()) + 3;
		}
		else {
			message.put("content", reply.content());
			choice.put("finish_reason", "stop");
			completionTokens = count(reply.content());
		}
		ObjectNode usage = response.putObject("usage");
		usage.put("prompt_tokens", promptTokens);
		usage.put("completion_tokens", completionTokens);
		usage.put("total_tokens", promptTokens + completionTokens);
		return ResponseEntity.ok(this.json.writeValueAsString(response));
	}

	private int count(String text) {
		return (text == null || text.isEmpty()) ? 0 : this.encoding.countTokens(text);
	}

	private static String text(JsonNode content) {
		if (content.isTextual()) {
			return content.asText();
		}
		if (content.isArray()) {
			StringBuilder text = new StringBuilder();
			content.forEach((part) -> text.append(part.path("text").asText()));
			return text.toString();
		}
		return "";
	}

}
