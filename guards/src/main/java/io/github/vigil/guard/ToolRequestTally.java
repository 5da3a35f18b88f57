package io.github.vigil.guard;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Counts a run's tool requests by tool and by fingerprint (tool and normalized arguments). Most runs make a handful
 * of requests, counted by scanning a small array; past {@value #SCANNED} requests the counts move to maps, so a run
 * allowed thousands of tool calls still counts each in constant time. Not thread-safe: the loop guard holds its lock.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
final class ToolRequestTally {

	private static final int SCANNED = 16;

	private final String[] tools = new String[SCANNED];

	private final String[] fingerprints = new String[SCANNED];

	private int total;

	private @Nullable Map<String, Integer> byTool;

	private @Nullable Map<String, Integer> byFingerprint;

	/**
	 * Counts one request.
	 * @param tool the tool
	 * @param fingerprint the tool and its normalized arguments
	 * @return the counts including this request
	 */
	ToolRequestCount count(String tool, String fingerprint) {
		if (this.total < SCANNED) {
			int sameTool = 1;
			int identical = 1;
			for (int i = 0; i < this.total; i++) {
				if (this.tools[i].equals(tool)) {
					sameTool++;
					if (this.fingerprints[i].equals(fingerprint)) {
						identical++;
					}
				}
			}
			this.tools[this.total] = tool;
			this.fingerprints[this.total] = fingerprint;
			return new ToolRequestCount(sameTool, identical, ++this.total);
		}
		Map<String, Integer> toolCounts = this.byTool;
		Map<String, Integer> fingerprintCounts = this.byFingerprint;
		if (toolCounts == null || fingerprintCounts == null) {
			toolCounts = new HashMap<>();
			fingerprintCounts = new HashMap<>();
			for (int i = 0; i < SCANNED; i++) {
				toolCounts.merge(this.tools[i], 1, Integer::sum);
				fingerprintCounts.merge(this.fingerprints[i], 1, Integer::sum);
			}
			this.byTool = toolCounts;
			this.byFingerprint = fingerprintCounts;
		}
		int sameTool = toolCounts.merge(tool, 1, Integer::sum);
		int identical = fingerprintCounts.merge(fingerprint, 1, Integer::sum);
		return new ToolRequestCount(sameTool, identical, ++this.total);
	}

	/**
	 * Request counts of a tool in a run.
	 *
	 * @param sameTool requests of this tool
	 * @param identical requests of this tool with these arguments
	 * @param total tool requests in the run
	 */
	record ToolRequestCount(int sameTool, int identical, int total) {
	}

}
