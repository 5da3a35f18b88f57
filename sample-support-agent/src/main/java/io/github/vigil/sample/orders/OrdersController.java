package io.github.vigil.sample.orders;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The orders API: v2 answers JSON; the deprecated v1 answers every lookup with an HTML error page and a 200, as the
 * gateway in the real incident did.
 */
@RestController
public class OrdersController {

	static final String RETIRED_PAGE = """
			<!DOCTYPE html>
			<html><head><title>API v1 retired</title></head>
			<body><h1>This API version has been retired</h1>
			<p>The v1 orders API was switched off. Please migrate to /api/v2.</p></body></html>
			""";

	private final Orders orders;

	public OrdersController(Orders orders) {
		this.orders = orders;
	}

	@GetMapping("/api/v2/orders/{id}")
	ResponseEntity<Object> order(@PathVariable String id) {
		return this.orders.find(id).<ResponseEntity<Object>>map(ResponseEntity::ok)
			.orElseGet(() -> notFound(id));
	}

	@PostMapping("/api/v2/orders/{id}/cancel")
	ResponseEntity<Object> cancel(@PathVariable String id) {
		return move(id, "placed", "cancelled", "only orders that have not shipped can be cancelled");
	}

	@PostMapping("/api/v2/orders/{id}/refund")
	ResponseEntity<Object> refund(@PathVariable String id) {
		return move(id, "delivered", "refunded", "only delivered orders can be refunded");
	}

	@GetMapping(path = "/api/v1/orders/{id}", produces = MediaType.TEXT_HTML_VALUE)
	String retired(@PathVariable String id) {
		return RETIRED_PAGE;
	}

	private ResponseEntity<Object> move(String id, String from, String to, String rule) {
		var order = this.orders.find(id);
		if (order.isEmpty()) {
			return notFound(id);
		}
		if (!this.orders.transition(id, from, to)) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(Map.of("error", "invalid_transition", "message",
						"Order " + id + " is " + order.get().status() + "; " + rule + "."));
		}
		return ResponseEntity.ok(this.orders.find(id).orElseThrow());
	}

	private static ResponseEntity<Object> notFound(String id) {
		return ResponseEntity.status(HttpStatus.NOT_FOUND)
			.body(Map.of("error", "not_found", "message", "No order " + id + "."));
	}

}
