package io.github.vigil.eval;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import org.jspecify.annotations.Nullable;

/** A chat model grades a sampled run's answer against a rubric. */
final class JudgeScorer implements Scorer {

	static final String NAME = "judge";

	private static final int MAX_TEXT = 4000;

	private static final String INSTRUCTIONS = """
			You grade one answer of a support agent. Reply with one JSON object and nothing else:
			{"score": <a number from 0 to 1, 1 best>, "label": "<pass or fail>", "explanation": "<one sentence>"}
			The rubric:
			""";

	private final ChatModel model;

	private final String rubric;

	private final double sampleRate;

	private final ObjectMapper json = new ObjectMapper();

	JudgeScorer(ChatModel model, String rubric, double sampleRate) {
		this.model = Objects.requireNonNull(model, "model must not be null");
		this.rubric = Objects.requireNonNull(rubric, "rubric must not be null");
		if (!(sampleRate >= 0 && sampleRate <= 1)) {
			throw new IllegalArgumentException("sampleRate must be in [0, 1], was " + sampleRate);
		}
		this.sampleRate = sampleRate;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public @Nullable Score score(ScoredRun scored) {
		if (this.sampleRate < 1 && ThreadLocalRandom.current().nextDouble() >= this.sampleRate) {
			return null;
		}
		RunRecord run = scored.run();
		StringBuilder task = new StringBuilder("The user wrote:\n").append(cut(run.input()))
			.append("\n\nThe agent answered:\n")
			.append(cut(run.output()));
		if (!run.toolCalls().isEmpty()) {
			task.append("\n\nTools the agent called:");
			for (ToolCallRecord call : run.toolCalls()) {
				task.append("\n- ").append(call.tool()).append(call.success() ? ": ok" : ": failed (" + call.errorType() + ")");
			}
		}
		ChatResponse response = this.model.chat(ChatRequest.builder()
			.messages(SystemMessage.from(INSTRUCTIONS + this.rubric), UserMessage.from(task.toString()))
			.build());
		String text = (response.aiMessage() != null) ? response.aiMessage().text() : null;
		return parse(text);
	}

	Score parse(@Nullable String text) {
		int start = (text != null) ? text.indexOf('{') : -1;
		int end = (text != null) ? text.lastIndexOf('}') : -1;
		if (start < 0 || end < start) {
			throw new IllegalStateException("the judge's reply is not a JSON score: " + cut(text));
		}
		JsonNode reply;
		try {
			reply = this.json.readTree(text.substring(start, end + 1));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("the judge's reply is not a JSON score: " + cut(text), ex);
		}
		JsonNode value = reply.get("score");
		if (value == null || !value.isNumber()) {
			throw new IllegalStateException("the judge's reply has no numeric score: " + cut(text));
		}
		double score = Math.max(0, Math.min(1, value.asDouble()));
		String label = reply.hasNonNull("label") ? cut(reply.get("label").asText(), 40) : null;
		String explanation = reply.hasNonNull("explanation") ? cut(reply.get("explanation").asText(), 500) : null;
		return new Score(score, label, explanation);
	}

	private static String cut(@Nullable String text) {
		return cut(text, MAX_TEXT);
	}

	private static String cut(@Nullable String text, int max) {
		if (text == null) {
			return "";
		}
		return (text.length() <= max) ? text : text.substring(0, max);
	}

	@Override
	public String toString() {
		return NAME + " (" + this.model.getClass().getSimpleName() + ", sample " + this.sampleRate + ")";
	}

}
