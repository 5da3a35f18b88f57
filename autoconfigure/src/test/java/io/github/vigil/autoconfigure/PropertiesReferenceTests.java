package io.github.vigil.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vigil.Vigil;
import io.github.vigil.alert.AlertPolicy;
import io.github.vigil.grounding.HallucinationPolicy;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.guard.ContextWindowPolicy;
import io.github.vigil.guard.LoopPolicy;
import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.convert.DurationStyle;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Defaults exist once, in core: every property defaults to what core does without it, every property is described
 * for IDEs, and the properties reference ({@code docs/properties.md}) lists exactly the properties there are, with
 * their real defaults.
 */
class PropertiesReferenceTests {

	private static final Path REFERENCE = Path.of("../docs/properties.md");

	private static final Pattern ROW = Pattern.compile("^\\| `(vigil\\.[a-z.-]+)(?:\\.<[a-z]+>)?` \\|([^|]*)\\|",
			Pattern.MULTILINE);

	private final VigilProperties properties = new VigilProperties();

	/** Each capability's properties, by the prefix under {@code vigil.} that they bind. */
	private static final Map<String, Object> BY_PREFIX = Map.ofEntries(Map.entry("run-log", new RunLogProperties()),
			Map.entry("tracing", new TracingProperties()), Map.entry("observations", new ObservationsProperties()),
			Map.entry("guard", new GuardProperties()),
			Map.entry("hallucination", new HallucinationProperties()), Map.entry("alerts", new AlertsProperties()),
			Map.entry("cost", new CostProperties()), Map.entry("store", new StoreProperties()),
			Map.entry("triage", new TriageProperties()), Map.entry("console", new ConsoleProperties()),
			Map.entry("evals", new EvalsProperties()), Map.entry("retrieval", new RetrievalProperties()),
			Map.entry("guardrails", new GuardrailsProperties()), Map.entry("mcp", new McpProperties()));

	@Test
	void everyPropertyDefaultsToWhatCoreDoesWithoutIt() {
		assertThat(new GuardProperties().getLoop().toPolicy()).isEqualTo(LoopPolicy.defaults());
		assertThat(new GuardProperties().getBudget().toPolicy()).isEqualTo(BudgetPolicy.defaults());
		assertThat(new GuardProperties().getContextWindow().toPolicy()).isEqualTo(ContextWindowPolicy.defaults());
		assertThat(new HallucinationProperties().toPolicy()).isEqualTo(HallucinationPolicy.defaults());
		assertThat(new AlertsProperties().toPolicy()).isEqualTo(AlertPolicy.defaults());
		assertThat(this.properties.getRun().getUserIdKey()).isEqualTo(Vigil.DEFAULT_USER_ID_KEY);
		assertThat(this.properties.getRun().getRunIdKey()).isEqualTo(Vigil.DEFAULT_RUN_ID_KEY);
		assertThat(this.properties.getRun().getAbandonAfter()).isEqualTo(Vigil.DEFAULT_ABANDON_AFTER);
		assertThat(new RunLogProperties().isEnabled()).isEqualTo(Vigil.DEFAULT_RUN_LOG);
		assertThat(new RunLogProperties().getMaxContentLength()).isEqualTo(Vigil.DEFAULT_MAX_CONTENT_LENGTH);
		assertThat(new RunLogProperties().isRedactPii()).isEqualTo(Vigil.DEFAULT_REDACT_PII);
		assertThat(new TracingProperties().isIncludeContent()).isEqualTo(Vigil.DEFAULT_INCLUDE_CONTENT_IN_TRACES);
		assertThat(new RetrievalProperties().toPolicy()).isEqualTo(io.github.vigil.retrieval.RetrievalPolicy.DEFAULTS);
		assertThat(new EvalsProperties().toPolicy()).isEqualTo(io.github.vigil.eval.EvalPolicy.defaults());
		assertThat(new EvalsProperties().getResolution().toEscalation())
			.isEqualTo(io.github.vigil.eval.Escalation.defaults());
	}

	@Test
	void everyPropertyIsDescribedForIdes() throws Exception {
		for (JsonNode property : metadata().values()) {
			assertThat(property.path("description").asText()).as(property.get("name").asText()).isNotBlank();
		}
	}

	@Test
	void theReferenceListsEveryPropertyWithItsRealDefault() throws Exception {
		Map<String, String> documented = new TreeMap<>();
		Matcher row = ROW.matcher(Files.readString(REFERENCE));
		while (row.find()) {
			documented.put(row.group(1), row.group(2).strip());
		}
		Map<String, JsonNode> metadata = metadata();
		assertThat(documented.keySet()).isEqualTo(metadata.keySet());
		for (String name : metadata.keySet()) {
			Object value = defaultOf(name);
			assertThat(normalize(documented.get(name))).as("default of %s", name).isEqualTo(format(value));
		}
	}

	/** The {@code vigil.*} properties of the configuration metadata, by name. */
	private static Map<String, JsonNode> metadata() throws Exception {
		JsonNode root = new ObjectMapper()
			.readTree(PropertiesReferenceTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json"));
		Map<String, JsonNode> properties = new TreeMap<>();
		for (JsonNode property : root.get("properties")) {
			String name = property.get("name").asText();
			if (name.startsWith("vigil.")) {
				properties.put(name, property);
			}
		}
		return properties;
	}

	/** The default of a property, read from the properties class that binds it. */
	private Object defaultOf(String name) {
		String rest = name.substring("vigil.".length());
		for (Map.Entry<String, Object> capability : BY_PREFIX.entrySet()) {
			if (rest.startsWith(capability.getKey() + ".")) {
				return new BeanWrapperImpl(capability.getValue())
					.getPropertyValue(beanPath("vigil." + rest.substring(capability.getKey().length() + 1)));
			}
		}
		return new BeanWrapperImpl(this.properties).getPropertyValue(beanPath(name));
	}

	private static String beanPath(String name) {
		StringBuilder path = new StringBuilder();
		boolean upper = false;
		for (char c : name.substring("vigil.".length()).toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				path.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return path.toString();
	}

	/** A default as the reference writes it: backticks and quotes off, an explanation in brackets dropped. */
	private static String normalize(String cell) {
		String value = cell.replace("`", "").strip();
		if (value.startsWith("\"") && value.endsWith("\"")) {
			return value.substring(1, value.length() - 1);
		}
		return value.replaceAll("\\s*\\(.*\\)$", "");
	}

	private static String format(Object value) {
		if (value == null || (value instanceof Collection<?> collection && collection.isEmpty())
				|| (value instanceof Map<?, ?> map && map.isEmpty())) {
			return "";
		}
		if (value instanceof Duration duration) {
			for (ChronoUnit unit : new ChronoUnit[] { ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES,
					ChronoUnit.SECONDS }) {
				if (duration.toMillis() % unit.getDuration().toMillis() == 0) {
					return DurationStyle.SIMPLE.print(duration, unit);
				}
			}
			return DurationStyle.SIMPLE.print(duration);
		}
		if (value instanceof Collection<?> collection) {
			return String.join(", ", collection.stream().map(String::valueOf).toList());
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase();
		}
		return String.valueOf(value);
	}

}
