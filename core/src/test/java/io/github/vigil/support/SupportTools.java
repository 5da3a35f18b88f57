package io.github.vigil.support;

import java.net.SocketTimeoutException;
import java.io.UncheckedIOException;

import dev.langchain4j.agent.tool.Tool;

/**
 * Tools that answer like real backends do, good and bad.
 */
public final class SupportTools {

	@Tool("Looks up an order")
	public String lookupOrder(String id) {
		return "{\"id\":\"" + id + "\",\"status\":\"shipped\",\"total\":42.50}";
	}

	@Tool("Looks up an order on the deprecated endpoint")
	public String legacyLookup(String id) {
		return "<!DOCTYPE html><html><head><title>410 Gone</title></head><body><h1>This API version is retired"
				+ "</h1></body></html>";
	}

	@Tool("Returns broken JSON")
	public String brokenLookup(String id) {
		return "{\"id\":\"" + id + "\",\"status\":";
	}

	@Tool("Returns nothing")
	public String emptyLookup(String id) {
		return "   ";
	}

	@Tool("Throws")
	public String failingLookup(String id) {
		throw new IllegalStateException("order service rejected id " + id);
	}

	@Tool("Times out")
	public String slowLookup(String id) {
		throw new UncheckedIOException(new SocketTimeoutException("Read timed out"));
	}

}
