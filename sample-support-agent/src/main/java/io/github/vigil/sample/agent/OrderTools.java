package io.github.vigil.sample.agent;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import io.github.vigil.sample.orders.Orders;

import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The agent's tools. Order tools call the orders API over HTTP, so a wrong or retired endpoint fails exactly as in
 * production; "not found" and "not allowed" answers from the API are answers, passed to the model as they are.
 */
@Component
public class OrderTools {

	private final RestClient http;

	private final OrdersEndpoint endpoint;

	private final Orders orders;

	public OrderTools(RestClient.Builder http, OrdersEndpoint endpoint, Orders orders) {
		this.http = http.build();
		this.endpoint = endpoint;
		this.orders = orders;
	}

	@Tool("Looks up an order by its id (ORD-12345): status, items, total, dates")
	public String lookupOrder(@P("the order id, such as ORD-10042") String orderId) {
		return this.http.get()
			.uri(this.endpoint.baseUrl() + "/orders/{id}", orderId)
			.retrieve()
			.onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
			})
			.body(String.class);
	}

	@Tool("Cancels an order that has not shipped yet")
	public String cancelOrder(@P("the order id") String orderId) {
		return post("/orders/{id}/cancel", orderId);
	}

	@Tool("Requests a refund for a delivered order")
	public String requestRefund(@P("the order id") String orderId) {
		return post("/orders/{id}/refund", orderId);
	}

	@Tool("Hands the conversation to a human colleague, who will follow up with the customer")
	public String escalateToHuman(@P("the order id, if any") String orderId, @P("why a human is needed") String reason) {
		return "{\"ticket\":\"" + this.orders.openTicket(orderId, reason) + "\",\"team\":\"escalations\"}";
	}

	private String post(String path, String orderId) {
		return this.http.post()
			.uri(this.endpoint.baseUrl() + path, orderId)
			.retrieve()
			.onStatus(HttpStatusCode::is4xxClientError, (request, response) -> {
			})
			.body(String.class);
	}

}
