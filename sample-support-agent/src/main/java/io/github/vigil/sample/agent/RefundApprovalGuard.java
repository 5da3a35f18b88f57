package io.github.vigil.sample.agent;

import java.math.BigDecimal;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.langchain4j.service.tool.ToolExecutionResult;
import io.github.vigil.run.GuardAction;
import io.github.vigil.run.GuardTrip;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.ToolCall;
import org.jspecify.annotations.Nullable;

/**
 * A guard of the application's own: a refund above the limit is not requested unless a human colleague was brought
 * in earlier in the run; the run ends with a graceful answer instead, and Vigil logs, counts and shows the trip like
 * any built-in guard's.
 */
public final class RefundApprovalGuard implements RunMiddleware {

	static final String ANSWER = "A refund of this size needs a colleague's approval. I've passed your request on; "
			+ "they will contact you shortly.";

	private static final Pattern ORDER_ID = Pattern.compile("\"orderId\"\\s*:\\s*\"([^\"]+)\"");

	private final BigDecimal limit;

	private final Function<String, @Nullable BigDecimal> orderTotal;

	public RefundApprovalGuard(BigDecimal limit, Function<String, @Nullable BigDecimal> orderTotal) {
		this.limit = limit;
		this.orderTotal = orderTotal;
	}

	@Override
	public @Nullable ToolExecutionResult beforeToolCall(ToolCall call) {
		Run run = call.run();
		if (run == null || !call.tool().equals("requestRefund")) {
			return null;
		}
		boolean escalated = run.toolCallRecords()
			.stream()
			.anyMatch((earlier) -> earlier.tool().equals("escalateToHuman") && earlier.success());
		Matcher orderId = ORDER_ID.matcher(String.valueOf(call.request().arguments()));
		BigDecimal total = orderId.find() ? this.orderTotal.apply(orderId.group(1)) : null;
		if (escalated || total == null || total.compareTo(this.limit) <= 0) {
			return null;
		}
		run.end(new GuardTrip("refund-approval", "over-limit", call.tool(), total.longValue(),
				call.request().arguments(), "", "refund of " + total + " above " + this.limit + " without a human"),
				GuardAction.END, ANSWER);
		return ToolExecutionResult.builder()
			.isError(true)
			.resultText("Refused: refunds above " + this.limit + " need a colleague's approval.")
			.build();
	}

}
