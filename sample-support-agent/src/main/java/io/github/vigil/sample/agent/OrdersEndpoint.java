package io.github.vigil.sample.agent;

import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where the tools find the orders API: {@code support.orders.base-url}. The demo points it at the deprecated v1
 * API for a while, as the real incident did.
 */
@Component
public class OrdersEndpoint {

	private final AtomicReference<String> baseUrl;

	public OrdersEndpoint(@Value("${support.orders.base-url}") String baseUrl) {
		this.baseUrl = new AtomicReference<>(baseUrl);
	}

	public String baseUrl() {
		return this.baseUrl.get();
	}

	public void switchTo(String baseUrl) {
		this.baseUrl.set(baseUrl);
	}

}
