package io.github.vigil.sample.agent;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.vigil.grounding.KnowledgeBase;
import io.github.vigil.grounding.Product;
import io.github.vigil.sample.orders.Orders;

import org.springframework.stereotype.Component;

/**
 * What the shop knows, from its database: the catalog and the staff the agent may name. Vigil checks every answer
 * against it.
 */
@Component
public class CatalogKnowledgeBase implements KnowledgeBase {

	private final Orders orders;

	public CatalogKnowledgeBase(Orders orders) {
		this.orders = orders;
	}

	@Override
	public Collection<Product> catalog() {
		return this.orders.products()
			.stream()
			.map((row) -> new Product((String) row.get("sku"), (String) row.get("name"), (BigDecimal) row.get("price"),
					(String) row.get("currency")))
			.toList();
	}

	@Override
	public Set<String> people() {
		return new LinkedHashSet<>(this.orders.staff());
	}

	@Override
	public List<String> urlPrefixes() {
		return List.of("https://shop.example.com/help/");
	}

	@Override
	public List<String> identifierPatterns() {
		return List.of("ORD-\\d{5}", "TCK-\\d{5}");
	}

}
