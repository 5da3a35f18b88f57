package io.github.vigil.log;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run-log line: valid JSON, the documented snake_case fields, content made safe.
 */
class JsonRunLogTests {

	private final JsonRunLog log = new JsonRunLog(new ContentRedactor(40, true));

	@Test
	void aRunIsOneLineOfJsonWithTheDocumentedFields() throws Exception {
		io.github.vigil.cost.RunCost cost = new io.github.vigil.cost.RunCost();
		cost.add(new io.github.vigil.cost.CallCost(new java.math.BigDecimal("0.000162"), "USD"));
		RunRecord run = RunRecord.builder("7f1c0e6a-1d2b-4c3d-8e9f-0a1b2c3d4e5f", "SupportAgent")
			.timestamp(Instant.parse("2026-11-27T10:15:30Z"))
			.user("u-17", "c-1")
			.content("Where is order ORD-10042? I'm jane@example.com\n\"quoted\"", "It shipped.")
			.toolCalls(List.of(new ToolCallRecord("lookupOrder", "{\"id\":\"ORD-10042\"}", false, 12_000_000,
					"html_response", "tool returned an HTML page: <html>")))
			.tokens(120, 30, 64, 12)
			.modelCalls(2)
			.durationNanos(1_500_000_000L)
			.fact(cost)
			.build();

		String line = this.log.format(run);

		assertThat(line).doesNotContain("\n");
		JsonNode json = new ObjectMapper().readTree(line);
		assertThat(json.fieldNames()).toIterable()
			.containsExactly("run_id", "timestamp", "agent", "user_id", "input", "output", "tool_calls",
					"tokens_used", "input_tokens", "output_tokens", "cache_read_tokens", "reasoning_tokens", "cost",
					"currency", "model_calls", "latency_ms", "outcome", "error",
					"error_message", "guard_trips", "agents", "flags", "flag_action", "reprompt_flags", "moderation", "version",
					"prompt");
		assertThat(json.get("timestamp").asText()).isEqualTo("2026-11-27T10:15:30Z");
		assertThat(json.get("input").asText()).isEqualTo("Where is order ORD-10042? I'm [email]\n\"q…[truncated]");
		assertThat(json.get("tokens_used").asLong()).isEqualTo(150);
		assertThat(json.get("cache_read_tokens").asLong()).isEqualTo(64);
		assertThat(json.get("reasoning_tokens").asLong()).isEqualTo(12);
		assertThat(json.get("cost").decimalValue()).isEqualByComparingTo("0.000162");
		assertThat(json.get("currency").asText()).isEqualTo("USD");
		assertThat(json.get("latency_ms").asLong()).isEqualTo(1500);
		assertThat(json.get("outcome").asText()).isEqualTo("completed");
		assertThat(json.get("error").isNull()).isTrue();
		JsonNode call = json.get("tool_calls").get(0);
		assertThat(call.get("tool").asText()).isEqualTo("lookupOrder");
		assertThat(call.get("success").asBoolean()).isFalse();
		assertThat(call.get("latency_ms").asLong()).isEqualTo(12);
		assertThat(call.get("error").asText()).isEqualTo("html_response");
		assertThat(call.get("arguments").asText()).isEqualTo("{\"id\":\"ORD-10042\"}");
	}

	@Test
	void controlCharactersAndNonLatinScriptsStayValidJson() throws Exception {
		RunRecord run = RunRecord.builder("id", "A")
			.user("u", null)
			.content("注文 \u0001 заказ", null)
			.ending(RunOutcome.ERROR, "timeout", "Read timed out")
			.build();

		JsonNode json = new ObjectMapper().readTree(this.log.format(run));

		assertThat(json.get("input").asText()).isEqualTo("注文 \u0001 заказ");
		assertThat(json.get("error").asText()).isEqualTo("timeout");
	}

}
