package io.github.vigil.cost;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.langchain4j.service.AiServices;
import io.github.vigil.Vigil;
import io.github.vigil.guard.BudgetPolicy;
import io.github.vigil.log.JsonRunLog;
import io.github.vigil.run.ContentRedactor;
import io.github.vigil.run.RunOutcome;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Usage;
import io.github.vigil.support.Assistant;
import io.github.vigil.support.CapturedRuns;
import io.github.vigil.support.SupportTools;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cost in money: every model call priced from its detailed token usage, summed per run, in the run log, the meters
 * and the budget; never guessed.
 */
public class CostTests {

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final CapturedRuns runs = new CapturedRuns();

	/** OpenAI's shape of usage: cached tokens inside the input, reasoning inside the output. */
	public static final class OpenAiShapedUsage extends TokenUsage {

		private final int cached;

		private final int reasoning;

		public OpenAiShapedUsage(int input, int output, int cached, int reasoning) {
			super(input, output);
			this.cached = cached;
			this.reasoning = reasoning;
		}

		public InputDetails inputTokensDetails() {
			return new InputDetails(this.cached);
		}

		public OutputDetails outputTokensDetails() {
			return new OutputDetails(this.reasoning);
		}

		@Override
		public TokenUsage add(TokenUsage that) {
			// as the providers' own subclasses do; TokenUsage's version calls back into a subclass's
			return (that == null) ? this
					: new TokenUsage(inputTokenCount() + that.inputTokenCount(),
							outputTokenCount() + that.outputTokenCount());
		}

		public record InputDetails(Integer cachedTokens) {
		}

		public record OutputDetails(Integer reasoningTokens) {
		}

	}

	/** Anthropic's shape of usage: cache reads and writes beside the input. */
	public static final class AnthropicShapedUsage extends TokenUsage {

		private final int read;

		private final int write;

		public AnthropicShapedUsage(int input, int output, int read, int write) {
			super(input, output);
			this.read = read;
			this.write = write;
		}

		public Integer cacheReadInputTokens() {
			return this.read;
		}

		public Integer cacheCreationInputTokens() {
			return this.write;
		}

		@Override
		public TokenUsage add(TokenUsage that) {
			// as the providers' own subclasses do; TokenUsage's version calls back into a subclass's
			return (that == null) ? this
					: new TokenUsage(inputTokenCount() + that.inputTokenCount(),
							outputTokenCount() + that.outputTokenCount());
		}

	}

	/** Asks for one lookup, then answers; each response reports the usage the supplier gives, as this model. */
	public static final class UsageModel implements ChatModel {

		private final String model;

		private final Supplier<TokenUsage> usage;

		public UsageModel(String model, Supplier<TokenUsage> usage) {
			this.model = model;
			this.usage = usage;
		}

		@Override
		public ChatResponse doChat(ChatRequest request) {
			List<ChatMessage> messages = request.messages();
			boolean answered = messages.get(messages.size() - 1) instanceof ToolExecutionResultMessage;
			AiMessage reply = answered ? AiMessage.from("It shipped.")
					: AiMessage.from(ToolExecutionRequest.builder()
						.id("c1")
						.name("lookupOrder")
						.arguments("{\"id\":\"ORD-1\"}")
						.build());
			return ChatResponse.builder()
				.aiMessage(reply)
				.modelName(this.model)
				.tokenUsage(this.usage.get())
				.finishReason(answered ? FinishReason.STOP : FinishReason.TOOL_EXECUTION)
				.build();
		}

		@Override
		public ModelProvider provider() {
			return ModelProvider.OPEN_AI;
		}

	}

	private Assistant agent(Vigil vigil, ChatModel model) {
		return AiServices.builder(Assistant.class).chatModel(vigil.observe(model)).tools(new SupportTools()).build();
	}

	@Test
	void cachedAndReasoningTokensArePricedAtTheirOwnRates() {
		ModelPrice price = new ModelPrice(new BigDecimal("2.00"), new BigDecimal("0.50"), null, new BigDecimal("8.00"),
				null);

		// 1,000 input of which 600 cached, 500 output of which 200 reasoning
		BigDecimal cost = price.cost(Usage.of(new OpenAiShapedUsage(1_000, 500, 600, 200)));

		// 400 x 2.00 + 600 x 0.50 + 500 x 8.00, per million
		assertThat(cost).isEqualByComparingTo("0.0051");
	}

	@Test
	void anthropicCacheReadsAndWritesAreBesideTheInput() {
		ModelPrice sonnet = PriceTable.defaults().price("claude-sonnet-4-5-20250929");

		Usage usage = Usage.of(new AnthropicShapedUsage(100, 50, 2_000, 1_000));

		assertThat(usage.uncachedInput()).isEqualTo(100);
		assertThat(usage.totalInput()).isEqualTo(3_100);
		// 100 x 3.00 + 2,000 x 0.30 + 1,000 x 3.75 + 50 x 15.00, per million
		assertThat(sonnet.cost(usage)).isEqualByComparingTo("0.0054");
	}

	@Test
	void aRunsCostIsTheSumOfItsCallsInTheRunLogAndTheMeters() {
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

		agent(vigil, new UsageModel("gpt-4o-mini-2024-07-18", () -> new OpenAiShapedUsage(1_000, 100, 400, 0)))
			.chat("Where is ORD-1?");

		RunRecord run = this.runs.single();
		// per call: 600 x 0.15 + 400 x 0.075 + 100 x 0.60 = 180 per million; two calls
		assertThat(amount(run)).isEqualByComparingTo("0.00036");
		assertThat(currency(run)).isEqualTo("USD");
		assertThat(run.cacheReadTokens()).isEqualTo(800);
		assertThat(this.registry.get("gen_ai.client.operation.cost")
			.tag("gen_ai.operation.name", "chat")
			.tag("gen_ai.request.model", "unknown")
			.tag("gen_ai.provider.name", "openai")
			.tag("gen_ai.agent.name", "Assistant")
			.summary()
			.totalAmount()).isCloseTo(0.00036, org.assertj.core.api.Assertions.within(1e-12));
		assertThat(this.registry.get("vigil.run.cost").summary().totalAmount())
			.isCloseTo(0.00036, org.assertj.core.api.Assertions.within(1e-12));
		String line = new JsonRunLog(new ContentRedactor(500, true)).format(run);
		assertThat(line).contains("\"cache_read_tokens\":800", "\"reasoning_tokens\":0", "\"cost\":0.00036",
				"\"currency\":\"USD\"");
		vigil.close();
	}

	@Test
	void anUnknownModelCostsNothingAndIsCountedNeverGuessed() {
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

		agent(vigil, new UsageModel("gpt-5-pro", () -> new TokenUsage(1_000, 100))).chat("Where is ORD-1?");

		RunRecord run = this.runs.single();
		assertThat(amount(run)).isNull();
		assertThat(currency(run)).isNull();
		assertThat(this.registry.get("vigil.cost.unpriced").tag("reason", "unknown_model").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.find("gen_ai.client.operation.cost").meters()).isEmpty();
		assertThat(new JsonRunLog(new ContentRedactor(500, true)).format(run)).contains("\"cost\":null");
		vigil.close();
	}

	@Test
	void missingUsageIsUnknownNotAFreeCall() {
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).build();

		agent(vigil, new UsageModel("gpt-4o", () -> null)).chat("Where is ORD-1?");

		assertThat(amount(this.runs.single())).isNull();
		assertThat(this.registry.get("vigil.cost.unpriced").tag("reason", "no_usage").counter().count()).isEqualTo(2);
		vigil.close();
	}

	@Test
	void absurdUsageIsRecordedAsUnknownAndNeverTripsAGuardOnItsOwn() {
		BudgetPolicy tightTokens = new BudgetPolicy(25, 50, 1_000, io.github.vigil.run.GuardAction.END, "capped", 50,
				1000, 3.0, io.github.vigil.run.GuardAction.WARN);
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).budgetPolicy(tightTokens).build();

		String answer = agent(vigil, new UsageModel("gpt-4o", () -> new TokenUsage(2_000_000_000, -5)))
			.chat("Where is ORD-1?");

		RunRecord run = this.runs.single();
		assertThat(answer).isEqualTo("It shipped.");
		assertThat(run.outcome()).isEqualTo(RunOutcome.COMPLETED);
		assertThat(run.inputTokens()).isZero();
		assertThat(amount(run)).isNull();
		assertThat(this.registry.get("vigil.cost.unpriced").tag("reason", "invalid_usage").counter().count())
			.isEqualTo(2);
		assertThat(this.registry.find("gen_ai.client.inference.usage.input_tokens").meters()).isEmpty();
		vigil.close();
	}

	@Test
	void aBudgetInMoneyEndsTheRunBeforeTheNextModelCall() {
		BudgetPolicy budget = BudgetPolicy.defaults().withMaxCost(new BigDecimal("0.01"));
		Vigil vigil = Vigil.builder(this.registry).sink(this.runs).budgetPolicy(budget).build();

		// one call of 10,000 input and 1,000 output tokens of gpt-4o costs 0.035
		String answer = agent(vigil, new UsageModel("gpt-4o", () -> new TokenUsage(10_000, 1_000)))
			.chat("Where is ORD-1?");

		RunRecord run = this.runs.single();
		assertThat(answer).isEqualTo(BudgetPolicy.defaults().message());
		assertThat(run.outcome()).isEqualTo(RunOutcome.KILLED);
		assertThat(run.modelCalls()).isEqualTo(1);
		assertThat(run.guardTrips()).singleElement().satisfies((trip) -> {
			assertThat(trip.rule()).isEqualTo("cost");
			assertThat(trip.count()).isEqualTo(35_000);
			assertThat(trip.reason()).isEqualTo("cost 0.035 USD, cap 0.01");
		});
		vigil.close();
	}

	@Test
	void modelsArePricedByTheirSnapshotsNeverByTheirFamily() {
		PriceTable prices = PriceTable.defaults();

		assertThat(prices.price("gpt-4o-mini-2024-07-18")).isEqualTo(prices.price("gpt-4o-mini"));
		assertThat(prices.price("gpt-4o-2024-08-06")).isEqualTo(prices.price("gpt-4o"));
		assertThat(prices.price("anthropic/claude-sonnet-4-5")).isEqualTo(prices.price("claude-sonnet-4-5"));
		assertThat(prices.price("claude-3-5-haiku@20241022")).isEqualTo(prices.price("claude-3-5-haiku"));
		assertThat(prices.price("claude-sonnet-4-5")).isNotNull();
		assertThat(prices.price("gpt-5-pro")).isNull();
		assertThat(prices.price("llama3.1:8b")).isNull();
		assertThat(prices.with("llama3.1", ModelPrice.of("0", "0")).price("llama3.1:8b")).isNotNull();
	}

	@Test
	void aCurrencyIsAnIso4217CodeAndPricesAreNeverNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> PriceTable.in("DOLLARS"))
			.withMessage("'DOLLARS' is not an ISO 4217 currency code");
		assertThatIllegalArgumentException().isThrownBy(() -> ModelPrice.of("-1", "2"))
			.withMessage("input price must not be negative, was -1");
		assertThat(PriceTable.in("EUR").prices()).isEmpty();
		assertThat(PriceTable.in("usd").prices()).isNotEmpty();
	}

	static List<String> names(List<?> items) {
		List<String> names = new ArrayList<>();
		items.forEach((item) -> names.add(String.valueOf(item)));
		return names;
	}

	private static java.math.BigDecimal amount(io.github.vigil.run.RunRecord run) {
		RunCost cost = run.fact(RunCost.class);
		return (cost != null) ? cost.amount() : null;
	}

	private static String currency(io.github.vigil.run.RunRecord run) {
		RunCost cost = run.fact(RunCost.class);
		return (cost != null) ? cost.currency() : null;
	}

}
