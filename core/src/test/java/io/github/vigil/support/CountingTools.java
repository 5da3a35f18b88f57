package io.github.vigil.support;

import java.util.concurrent.atomic.AtomicInteger;

import dev.langchain4j.agent.tool.Tool;

/**
 * An order lookup that counts how often it really ran.
 */
public final class CountingTools {

	private final AtomicInteger executions = new AtomicInteger();

	@Tool("Looks up an order")
	public String lookupOrder(String id) {
		this.executions.incrementAndGet();
		return "<html><body>502 Bad Gateway</body></html>";
	}

	public int executions() {
		return this.executions.get();
	}

}
