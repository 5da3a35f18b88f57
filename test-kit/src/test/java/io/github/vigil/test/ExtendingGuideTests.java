package io.github.vigil.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.ToolCall;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's example of a middleware tested alone runs as written: the listing in docs/extending.md is this
 * class's test, character for character.
 */
class ExtendingGuideTests {

	/** A guard of an application's own: no refund after the run escalated to a human. */
	static final class NoRefundAfterEscalation implements RunMiddleware {

		@Override
		public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
			Run run = call.run();
			boolean escalated = run != null && run.toolCallRecords()
				.stream()
				.anyMatch((earlier) -> earlier.tool().equals("escalateToHuman"));
			if (!escalated || !call.tool().equals("requestRefund")) {
				return null;
			}
			run.end(new GuardTrip("refund-after-escalation", "escalated", call.tool(), 1, null, "",
					"a human owns this case"), GuardAction.END, "A colleague will take it from here.");
			return ToolExecutionResult.builder().isError(true).resultText("Refused").build();
		}

	}

	// tag::guard-test[]
	@Test
	void aRefundAfterTheRunEscalatedIsRefusedAndEndsTheRun() {
		MiddlewareTester tester = MiddlewareTester.of(new NoRefundAfterEscalation());
		FakeRun run = tester.start();

		tester.toolCall(run, "escalateToHuman", "{\"reason\":\"angry\"}", "{\"ticket\":\"T-1\"}");
		MiddlewareTester.ToolCallOutcome refund = tester.toolCall(run, "requestRefund", "{\"id\":\"ORD-1\"}", "{}");

		assertThat(refund.executed()).isFalse();
		assertThat(run.endedBy().guard()).isEqualTo("refund-after-escalation");
		assertThat(tester.modelCall(run, "and?", "never asked", 1, 1).text())
			.isEqualTo("A colleague will take it from here.");
	}
	// end::guard-test[]

	@Test
	void theGuideShowsThisTestAsItIs() throws Exception {
		String source = Files.readString(Path.of("src/test/java/io/github/vigil/test/ExtendingGuideTests.java"));
		Matcher tagged = Pattern.compile("// tag::guard-test\\[]\\n(.*?)\\t// end::guard-test", Pattern.DOTALL)
			.matcher(source);
		assertThat(tagged.find()).isTrue();
		String listing = tagged.group(1).replaceAll("(?m)^\\t", "");
		assertThat(Files.readString(Path.of("../docs/extending.md"))).contains(listing);
	}

}
