package io.github.vigil.sample.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Orders in the embedded database.
 */
@Repository
public class Orders {

	private final JdbcClient jdbc;

	public Orders(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * An order as the API shows it.
	 */
	public record Order(String id, String customerId, String customerName, String status, BigDecimal total,
			String currency, LocalDate placedOn, List<Map<String, Object>> items) {
	}

	public Optional<Order> find(String id) {
		return this.jdbc.sql("""
				select o.id, o.customer_id, c.name, o.status, o.total, o.currency, o.placed_on
				from orders o join customers c on c.id = o.customer_id where o.id = ?""")
			.param(id)
			.query((rs, row) -> new Order(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getBigDecimal(5), rs.getString(6), rs.getDate(7).toLocalDate(), items(id)))
			.optional();
	}

	private List<Map<String, Object>> items(String orderId) {
		return this.jdbc.sql("""
				select p.sku, p.name, i.quantity, i.price from order_items i join products p on p.sku = i.sku
				where i.order_id = ? order by p.sku""")
			.param(orderId)
			.query((rs, row) -> Map.<String, Object>of("sku", rs.getString(1), "name", rs.getString(2), "quantity",
					rs.getInt(3), "price", rs.getBigDecimal(4)))
			.list();
	}

	/**
	 * Moves an order from one status to another.
	 * @return whether it was in the expected status
	 */
	@Transactional
	public boolean transition(String id, String from, String to) {
		return this.jdbc.sql("update orders set status = ? where id = ? and status = ?")
			.params(to, id, from)
			.update() == 1;
	}

	/** Catalog rows for the knowledge base. */
	public List<Map<String, Object>> products() {
		return this.jdbc.sql("select sku, name, price, currency from products")
			.query((rs, row) -> Map.<String, Object>of("sku", rs.getString(1), "name", rs.getString(2), "price",
					rs.getBigDecimal(3), "currency", rs.getString(4)))
			.list();
	}

	/** Names of the support staff. */
	public List<String> staff() {
		return this.jdbc.sql("select name from staff").query(String.class).list();
	}

	/** Ids of all orders, for the demo driver. */
	public List<String> ids() {
		return this.jdbc.sql("select id from orders order by id").query(String.class).list();
	}

	private final java.util.concurrent.atomic.AtomicInteger tickets = new java.util.concurrent.atomic.AtomicInteger(-1);

	/** The next ticket number: counted from the tickets already there, then in memory, so concurrent calls differ. */
	private int nextTicket() {
		synchronized (this.tickets) {
			if (this.tickets.get() < 0) {
				this.tickets.set(this.jdbc.sql("select count(*) from tickets").query(Integer.class).single());
			}
			return this.tickets.incrementAndGet();
		}
	}

	/** Opens a ticket for a human colleague. */
	@Transactional
	public String openTicket(String orderId, String reason) {
		String id = String.format("TCK-%05d", nextTicket());
		this.jdbc.sql("insert into tickets (id, order_id, reason, created_at) values (?, ?, ?, current_timestamp)")
			.params(id, orderId, reason.length() > 500 ? reason.substring(0, 500) : reason)
			.update();
		return id;
	}

}
