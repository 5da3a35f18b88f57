package io.github.vigil.sample;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The custom guard the extension docs show is the one this sample runs (and {@code ChatApiTests} tests), character for
 * character.
 */
class ReadmeGuardTests {

	private static final Path GUARD = Path.of("src/main/java/io/github/vigil/sample/agent/RefundApprovalGuard.java");

	@Test
	void theDocsShowTheGuardTheSampleRuns() throws Exception {
		String readme = Files.readString(Path.of("../docs/extending.md"));
		int start = readme.indexOf("```java\npackage io.github.vigil.sample.agent;");
		assertThat(start).as("the extension docs' guard listing").isNotNegative();
		int from = start + "```java\n".length();
		String listed = readme.substring(from, readme.indexOf("\n```", from));

		assertThat(listed).isEqualTo(Files.readString(GUARD).strip());
	}

}
