package io.github.vigil.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.observation.VigilObservationDocumentation;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.grounding.Flag;
import io.github.vigil.grounding.GroundingOutcome;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.ToolCallRecord;
import io.micrometer.common.docs.KeyName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reference tables people build on are checked against the code that writes what they describe: the run log's
 * fields against the run-log writer, the span attributes against the observation documentation.
 */
class ReferenceTablesTests {

	private static final Path RUN_LOG = Path.of("../docs/run-log.md");

	private static final Path TRACES = Path.of("../docs/traces.md");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	@Test
	void theRunLogReferenceListsEveryFieldTheRunLogWrites() throws Exception {
		io.github.vigil.cost.RunCost cost = new io.github.vigil.cost.RunCost();
		cost.add(new io.github.vigil.cost.CallCost(new java.math.BigDecimal("0.0042"), "USD"));
		RunRecord run = RunRecord.builder("r-1", "Agent")
			.user("u-1", "c-1")
			.content("in", "out")
			.toolCalls(List.of(new ToolCallRecord("lookupOrder", "{}", true, 1, null, null)))
			.tokens(1, 2, 4, 1)
			.modelCalls(1)
			.durationNanos(3)
			.ending(RunOutcome.KILLED, "loop", "looped")
			.guardTrips(List.of(new GuardTrip("loop", "identical-calls", "lookupOrder", 3, "{}", "ended", "looped")))
			.fact(new GroundingOutcome(List.of(new Flag("url", "https://x.invalid", "unbacked")), "reprompted",
					List.of(new Flag("url", "https://y.invalid", "unbacked")), "answer"))
			.fact(cost)
			.agents(List.of(new io.github.vigil.run.AgentRecord("Classifier", 20, 5, 1, 1, "completed", null)))
			.steps(List.of(new io.github.vigil.run.StepRecord(io.github.vigil.retrieval.Retrievals.RETRIEVAL,
					"policies", 0, 2_000_000, "empty", "nothing retrieved",
					io.github.vigil.run.Facts.NONE.with(new io.github.vigil.retrieval.Retrieved(2, 0.8,
							0.6, 3, 0.5, List.of("returns.md"), "How do returns work?"))),
					new io.github.vigil.run.StepRecord(io.github.vigil.guardrail.Guardrails.GUARDRAIL, "NoPasswords", 0,
							1_000, "failure", "asks for a password", io.github.vigil.run.Facts.NONE
								.with(new io.github.vigil.guardrail.GuardrailDecision("input", "failure", 0))),
					new io.github.vigil.run.StepRecord(io.github.vigil.guardrail.Moderations.MODERATION,
							"omni-moderation-latest", 0, 40_000_000, "flagged", null, io.github.vigil.run.Facts.NONE
								.with(new io.github.vigil.guardrail.Moderated(true)))))
			.build();
		JsonNode line = new ObjectMapper().readTree(new JsonRunLog(new ContentRedactor(500, true)).format(run));

		Map<String, Set<String>> documented = runLogTable();
		Set<String> written = new LinkedHashSet<>();
		line.fieldNames().forEachRemaining(written::add);
		assertThat(documented.keySet()).as("top-level fields").isEqualTo(new TreeSet<>(written));
		for (String array : List.of("tool_calls", "guard_trips", "agents", "flags", "reprompt_flags", "retrievals",
				"guardrails", "moderations")) {
			Set<String> keys = new TreeSet<>();
			line.get(array).get(0).fieldNames().forEachRemaining(keys::add);
			Set<String> listed = documented.get(array).isEmpty() ? documented.get("flags") : documented.get(array);
			assertThat(listed).as("fields of %s", array).isEqualTo(keys);
		}
	}

	@Test
	void theTracesReferenceListsEverySpanAttribute() throws Exception {
		String text = Files.readString(TRACES);
		for (VigilObservationDocumentation observation : VigilObservationDocumentation.values()) {
			String name = switch (observation) {
				case RUN -> "gen_ai.invoke_agent";
				case MODEL_CALL -> "gen_ai.chat";
				case TOOL_CALL -> "gen_ai.execute_tool";
				case STEP -> "vigil.step";
			};
			Matcher row = Pattern.compile("^\\| `" + Pattern.quote(name) + "` \\|([^|]*)\\|([^|]*)\\|([^|]*)\\|",
					Pattern.MULTILINE).matcher(text);
			assertThat(row.find()).as("a row for %s", name).isTrue();
			assertThat(codes(row.group(2))).as("low-cardinality keys of %s", name)
				.isEqualTo(names(observation.getLowCardinalityKeyNames()));
			Set<String> high = names(observation.getHighCardinalityKeyNames());
			Set<String> listed = codes(row.group(3));
			assertThat(high).as("high-cardinality keys of %s", name).containsAll(listed);
			for (String contentKey : difference(high, listed)) {
				assertThat(text).as("%s, content, named where content is described", contentKey)
					.contains("`" + contentKey + "`");
			}
		}
	}

	/** Field names of the run-log table, each with the element fields it lists for arrays. */
	private static Map<String, Set<String>> runLogTable() throws Exception {
		Map<String, Set<String>> fields = new TreeMap<>();
		Pattern row = Pattern.compile("^\\| ((?:`[a-z_]+`(?:, )?)+) \\|(.*)\\|$", Pattern.MULTILINE);
		Matcher matcher = row.matcher(Files.readString(RUN_LOG));
		while (matcher.find()) {
			Set<String> elements = new TreeSet<>();
			Matcher braces = Pattern.compile("`\\{([^}]*)}`").matcher(matcher.group(2));
			if (braces.find()) {
				elements.addAll(Arrays.asList(braces.group(1).split(",\\s*")));
			}
			for (String field : codes(matcher.group(1))) {
				fields.put(field, elements);
			}
		}
		return fields;
	}

	private static Set<String> codes(String cell) {
		Set<String> codes = new TreeSet<>();
		Matcher matcher = CODE.matcher(cell);
		while (matcher.find()) {
			codes.add(matcher.group(1));
		}
		return codes;
	}

	private static Set<String> names(KeyName[] keys) {
		Set<String> names = new TreeSet<>();
		for (KeyName key : keys) {
			names.add(key.asString());
		}
		return names;
	}

	private static Set<String> difference(Set<String> all, Set<String> some) {
		Set<String> rest = new TreeSet<>(all);
		for (Iterator<String> it = rest.iterator(); it.hasNext();) {
			if (some.contains(it.next())) {
				it.remove();
			}
		}
		return rest;
	}

}
