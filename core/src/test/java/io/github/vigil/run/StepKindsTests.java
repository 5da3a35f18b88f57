package io.github.vigil.run;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.observation.OtherStepObservationContext;
import io.github.vigil.store.StoredStep;
import io.github.vigil.store.Triage;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.ScriptedChatModel;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kind of step the kernel has never heard of, defined where it is used: every step of it is a step of its run
 * for every middleware, and the meters, the trace, the run log and the store show it with nothing of theirs
 * changed but the kind's own names.
 */
class StepKindsTests {

	/** A knowledge-base lookup: the kind an integration would define. */
	static final StepKind LOOKUP = StepKind.of("lookup", "retrieval", "lookups", "source");

	/** What a lookup learned: how many documents it found, written by itself. */
	record Found(int documents) implements WrittenFact {

		@Override
		public void write(FactWriter out) {
			out.field("documents", this.documents);
		}

	}

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final List<Observation.Context> spans = new CopyOnWriteArrayList<>();

	private final Vigil vigil;

	private final List<Step> heard = new CopyOnWriteArrayList<>();

	StepKindsTests() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public void onStop(Observation.Context context) {
				StepKindsTests.this.spans.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}
		});
		this.vigil = Vigil.builder(this.registry)
			.observationRegistry(observations)
			.sink(this.runs)
			.middleware(new RunMiddleware() {
				@Override
				public void stepEnded(Step step) {
					StepKindsTests.this.heard.add(step);
				}
			})
			.build();
	}

	@AfterEach
	void close() {
		this.vigil.close();
	}

	/** The tools of a support desk whose knowledge base is looked up as a step of the run. */
	class KnowledgeTools {

		@Tool("Looks up the policies")
		String lookupOrder(String id, InvocationContext invocation) {
			Steps steps = StepKindsTests.this.vigil.steps();
			OpenStep lookup = steps.start(steps.run(invocation), LOOKUP, "policies");
			if (id.contains("empty")) {
				lookup.fact(new Found(0));
				lookup.failed("empty", "no document matched " + id);
				return "{}";
			}
			lookup.fact(new Found(3));
			lookup.succeeded();
			return "{\"policy\":\"30 days\"}";
		}

	}

	private Assistant assistant() {
		return AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(ScriptedChatModel.firstWordIsTool()))
			.tools(new KnowledgeTools())
			.build();
	}

	@Test
	void everyMiddlewareHearsAStepOfANewKindAsAStepOfItsRun() {
		assistant().chat("lookupOrder returns");

		assertThat(this.heard).singleElement().satisfies((step) -> {
			assertThat(step.kind()).isEqualTo(LOOKUP);
			assertThat(step.name()).isEqualTo("policies");
			assertThat(step.errorType()).isNull();
			assertThat(step.fact(Found.class)).isEqualTo(new Found(3));
			assertThat(step.run().agent()).isEqualTo("Assistant");
		});
		RunRecord run = this.runs.single();
		assertThat(run.steps()).singleElement().satisfies((step) -> {
			assertThat(step.kind()).isEqualTo(LOOKUP);
			assertThat(step.succeeded()).isTrue();
			assertThat(step.facts().get(Found.class).documents()).isEqualTo(3);
		});
	}

	@Test
	void itIsMeasuredByKindAndNameWithItsOutcome() {
		assistant().chat("lookupOrder returns");
		assistant().chat("lookupOrder empty");

		assertThat(this.registry.get("vigil.step.duration")
			.tags("vigil.step.kind", "lookup", "vigil.step.name", "policies", "gen_ai.agent.name", "Assistant",
					"outcome", "success", "error.type", "none")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("vigil.step.duration")
			.tags("vigil.step.kind", "lookup", "outcome", "error", "error.type", "empty")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void itIsASpanUnderItsRunsNamedByItsOperationWithItsFactsAndAFailedOneHasAnErrorStatus() {
		assistant().chat("lookupOrder empty");

		OtherStepObservationContext lookup = this.spans.stream()
			.filter(OtherStepObservationContext.class::isInstance)
			.map(OtherStepObservationContext.class::cast)
			.findFirst()
			.orElseThrow();
		Observation.Context run = this.spans.stream()
			.filter((context) -> "gen_ai.invoke_agent".equals(context.getName()))
			.findFirst()
			.orElseThrow();
		assertThat(lookup.getContextualName()).isEqualTo("retrieval policies");
		assertThat(lookup.getParentObservation().getContextView()).isSameAs(run);
		assertThat(lookup.getLowCardinalityKeyValues()).contains(KeyValue.of("gen_ai.operation.name", "retrieval"),
				KeyValue.of("vigil.step.kind", "lookup"), KeyValue.of("error.type", "empty"));
		assertThat(lookup.getHighCardinalityKeyValue("documents").getValue()).isEqualTo("0");
		assertThat(lookup.getError()).hasMessage("empty");
	}

	@Test
	void theRunLogListsItInTheKindsOwnArray() throws Exception {
		assistant().chat("lookupOrder empty");

		JsonNode line = new ObjectMapper()
			.readTree(new JsonRunLog(new ContentRedactor(500, true)).format(this.runs.single()));
		JsonNode lookup = line.get("lookups").get(0);
		assertThat(lookup.get("source").asText()).isEqualTo("policies");
		assertThat(lookup.get("outcome").asText()).isEqualTo("empty");
		assertThat(lookup.get("documents").asInt()).isZero();
		assertThat(lookup.get("error_message").asText()).isEqualTo("no document matched empty");
		assertThat(lookup.get("latency_ms").isNumber()).isTrue();
	}

	@Test
	void theStoreKeepsItOnTheRunsTimeline() {
		assistant().chat("lookupOrder returns");
		this.vigil.flushRuns(Duration.ofSeconds(5));

		String runId = this.runs.single().runId();
		assertThat(Triage.of(this.vigil).run(runId).steps()).extracting(StoredStep::kind)
			.containsExactly("model", "tool", "lookup", "model")
			.isNotEmpty();
	}

}
