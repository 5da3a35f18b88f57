package io.github.vigil.guard;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run counts the model's tool requests by tool and by identical arguments, however many it makes.
 */
class ToolRequestTallyTests {

	@Test
	void countsByToolAndByFingerprintBeforeAndAfterTheFirstSixteenRequests() {
		ToolRequestTally tally = new ToolRequestTally();
		Map<String, Integer> byTool = new HashMap<>();
		Map<String, Integer> byFingerprint = new HashMap<>();
		for (int i = 1; i <= 200; i++) {
			String tool = (i % 3 == 0) ? "cancelOrder" : "lookupOrder";
			String fingerprint = tool + "\u0000{\"id\":\"ORD-1000" + (i % 7) + "\"}";

			ToolRequestTally.ToolRequestCount count = tally.count(tool, fingerprint);

			assertThat(count.sameTool()).as("request %d", i).isEqualTo(byTool.merge(tool, 1, Integer::sum));
			assertThat(count.identical()).as("request %d", i)
				.isEqualTo(byFingerprint.merge(fingerprint, 1, Integer::sum));
			assertThat(count.total()).isEqualTo(i);
		}
	}

	@Test
	void theSameArgumentsToAnotherToolAreNotIdentical() {
		ToolRequestTally tally = new ToolRequestTally();
		tally.count("lookupOrder", "lookupOrder\u0000{\"id\":\"ORD-10001\"}");

		ToolRequestTally.ToolRequestCount count = tally.count("cancelOrder", "cancelOrder\u0000{\"id\":\"ORD-10001\"}");

		assertThat(count.sameTool()).isEqualTo(1);
		assertThat(count.identical()).isEqualTo(1);
		assertThat(count.total()).isEqualTo(2);
	}

}
