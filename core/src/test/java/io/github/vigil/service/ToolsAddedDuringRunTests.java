package io.github.vigil.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecution;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.langchain4j.service.tool.ToolProvider;
import dev.langchain4j.service.tool.ToolProviderRequest;
import dev.langchain4j.service.tool.ToolProviderResult;
import io.github.vigil.Vigil;
import io.github.vigil.guard.LoopPolicy;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.PlannedChatModel;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tools a dynamic tool provider adds while a run goes on are recorded and guarded like the tools offered from the
 * start, and the user's own after-tool hook still sees every call.
 */
class ToolsAddedDuringRunTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	private final Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

	private final AtomicInteger archiveCalls = new AtomicInteger();

	private final List<ToolExecution> seenByUser = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.vigil.close();
	}

	@Test
	void aToolAddedAfterTheFirstToolResultIsRecordedAndClassified() {
		PlannedChatModel model = new PlannedChatModel(
				(n) -> switch (n) {
					case 1 -> PlannedChatModel.lookup("ORD-1");
					case 2 -> archiveLookup("ORD-1");
					default -> null;
				}, 100, 10);

		String answer = assistant(model).chat("Where is ORD-1?");

		assertThat(answer).startsWith("Done");
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.toolCalls()).extracting((call) -> call.tool() + ":" + call.errorType())
			.containsExactly("lookupOrder:null", "archiveLookup:html_response");
		assertThat(this.registry.get("gen_ai.execute_tool.duration")
			.tags("gen_ai.tool.name", "archiveLookup", "outcome", "error", "error.type", "html_response")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "lookupOrder")
			.timer()
			.count()).as("the tool offered from the start is recorded once, by its observed executor")
			.isEqualTo(1);
		assertThat(this.seenByUser).extracting((execution) -> execution.request().name())
			.containsExactly("lookupOrder", "archiveLookup");
	}

	@Test
	void aLoopOnAnAddedToolEndsTheRunBeforeTheNextModelCall() {
		PlannedChatModel model = new PlannedChatModel(
				(n) -> (n == 1) ? PlannedChatModel.lookup("ORD-1") : archiveLookup("ORD-1"), 100, 10);

		String answer = assistant(model).chat("Where is ORD-1?");

		assertThat(answer).isEqualTo(LoopPolicy.DEFAULT_MESSAGE);
		assertThat(this.archiveCalls).as("seen only after it ran, the call that trips the guard still runs")
			.hasValue(3);
		assertThat(model.requests()).as("no model call after the loop was seen").isEqualTo(4);
		RunRecord run = this.runs.single();
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.guard()).isEqualTo("loop");
			assertThat(trip.tool()).isEqualTo("archiveLookup");
		});
	}

	@Test
	void aToolTheModelInventedStaysUnknownAndIsRecordedOnce() {
		PlannedChatModel model = new PlannedChatModel((n) -> (n == 1) ? ToolExecutionRequest.builder()
			.id("call-invented")
			.name("teleportOrder")
			.arguments("{}")
			.build() : null, 100, 10);
		Assistant assistant = AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(model))
			.tools(new SupportTools())
			.toolProvider(new ArchiveProvider(this.archiveCalls))
			.hallucinatedToolNameStrategy((request) -> ToolExecutionResultMessage.from(request, "No such tool"))
			.build();

		assistant.chat("Teleport ORD-1 to my door");

		assertThat(this.registry.find("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "teleportOrder").timer())
			.as("an invented name never becomes a tag")
			.isNull();
		assertThat(this.registry.get("gen_ai.execute_tool.duration").tag("gen_ai.tool.name", "_unknown")
			.timer()
			.count()).isEqualTo(1);
	}

	private Assistant assistant(PlannedChatModel model) {
		return AiServices.builder(Assistant.class)
			.chatModel(this.vigil.observe(model))
			.tools(new SupportTools())
			.toolProvider(new ArchiveProvider(this.archiveCalls))
			.afterToolExecution(this.seenByUser::add)
			.build();
	}

	private static ToolExecutionRequest archiveLookup(String id) {
		return ToolExecutionRequest.builder()
			.id("call-archive-" + System.nanoTime())
			.name("archiveLookup")
			.arguments("{\"id\": \"" + id + "\"}")
			.build();
	}

	/** Offers the archive lookup once the run has a tool result, as a provider that reacts to the run would. */
	private static final class ArchiveProvider implements ToolProvider {

		private final AtomicInteger calls;

		ArchiveProvider(AtomicInteger calls) {
			this.calls = calls;
		}

		@Override
		public ToolProviderResult provideTools(ToolProviderRequest request) {
			boolean hasToolResult = request.messages().stream()
				.anyMatch((message) -> message instanceof ToolExecutionResultMessage);
			if (!hasToolResult) {
				return ToolProviderResult.builder().build();
			}
			ToolSpecification specification = ToolSpecification.builder()
				.name("archiveLookup")
				.description("Looks up an archived order")
				.parameters(JsonObjectSchema.builder().addStringProperty("id").required("id").build())
				.build();
			ToolExecutor executor = (toolRequest, memoryId) -> {
				this.calls.incrementAndGet();
				return "<!DOCTYPE html><html><head><title>404 Not Found</title></head></html>";
			};
			return ToolProviderResult.builder().add(specification, executor).build();
		}

		@Override
		public boolean isDynamic() {
			return true;
		}

	}

}
