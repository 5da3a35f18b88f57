package io.github.vigil.autoconfigure;

import dev.langchain4j.agent.tool.Tool;

/**
 * Tools answering like an orders backend does, good and bad.
 */
public class OrderTools {

	@Tool("Looks up an order by id")
	public String lookupOrder(String id) {
		return "{\"id\":\"" + id + "\",\"status\":\"shipped\",\"total\":\"42.50\"}";
	}

	@Tool("Looks up an order on the v1 endpoint")
	public String lookupOrderV1(String id) {
		return "<!DOCTYPE html><html><head><title>410 Gone</title></head><body>API v1 is retired</body></html>";
	}

	@Tool("Looks up an order on a broken backend")
	public String lookupOrderBroken(String id) {
		return "{\"id\":\"" + id + "\",\"status\":";
	}

	@Tool("Looks up an order on an empty backend")
	public String lookupOrderEmpty(String id) {
		return "";
	}

	@Tool("Looks up an order on a failing backend")
	public String lookupOrderFailing(String id) {
		throw new IllegalStateException("orders backend answered 503 for " + id);
	}

}
