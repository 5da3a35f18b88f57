package io.github.vigil.cost;

import java.math.BigDecimal;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import dev.langchain4j.model.chat.response.ChatResponse;
import io.github.vigil.metrics.Conventions;
import io.github.vigil.metrics.MeterNames;
import io.github.vigil.metrics.ProviderNames;
import io.github.vigil.metrics.TagKeys;
import io.github.vigil.run.ModelCall;
import io.github.vigil.run.ModelUsage;
import io.github.vigil.run.Run;
import io.github.vigil.run.RunMiddleware;
import io.github.vigil.run.RunRecord;
import io.github.vigil.run.Step;
import io.github.vigil.run.Usage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Prices every model call from its token usage and the price table, so a run's cost is known in money: on the call
 * ({@link CallCost}, the span's {@code gen_ai.usage.cost.*}), on the run ({@link RunCost}: the run log's {@code cost}, the
 * budget in money), and in {@value MeterNames#OPERATION_COST} and {@value MeterNames#RUN_COST}. A model the table does
 * not know, or a call whose usage is missing or not believable, gets no cost (never a guess, never a fake zero) and
 * is counted in {@value MeterNames#COST_UNPRICED}. It sits innermost, so the call is priced before the other
 * middleware (telemetry among them) hear the response.
 *
 * @author Vigil contributors
 * @since 0.1.0
 */
public final class CostMeter implements RunMiddleware {

	/** Reason of an unpriced call: the price table does not know the model. */
	public static final String UNKNOWN_MODEL = "unknown_model";

	/** Reason of an unpriced call: the provider reported no usage. */
	public static final String NO_USAGE = "no_usage";

	/** Reason of an unpriced call: the usage reported cannot be true. */
	public static final String INVALID_USAGE = "invalid_usage";

	/** Buckets of one call's cost, in the currency: a hundredth of a cent to ten. */
	private static final double[] COST_BUCKETS = { 0.0001, 0.001, 0.01, 0.1, 1, 10 };

	private final ModelPrices prices;

	private final MeterRegistry registry;

	private final String currency;

	private final Conventions conventions;

	private final ConcurrentMap<CostKey, Costs> costs = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, DistributionSummary> runCosts = new ConcurrentHashMap<>();

	private final ConcurrentMap<UnpricedKey, Counter> unpriced = new ConcurrentHashMap<>();

	/**
	 * Creates the meter.
	 * @param prices the price table
	 * @param registry where the cost meters go
	 */
	public CostMeter(ModelPrices prices, MeterRegistry registry) {
		this(prices, registry, Conventions.LATEST);
	}

	/**
	 * Creates the meter.
	 * @param prices the price table
	 * @param registry where the cost meters go
	 * @param conventions whether {@value MeterNames#CLIENT_COST}, the previous conventions' name, is recorded beside
	 * {@value MeterNames#OPERATION_COST}
	 */
	public CostMeter(ModelPrices prices, MeterRegistry registry, Conventions conventions) {
		this.prices = prices;
		this.registry = registry;
		this.currency = PriceTable.requireCurrency(prices.currency());
		this.conventions = conventions;
	}

	/**
	 * Returns the price table.
	 * @return the prices
	 */
	public ModelPrices prices() {
		return this.prices;
	}

	@Override
	public ChatResponse afterModelCall(ModelCall call, ChatResponse response) {
		String requestModel = call.requestModel();
		Usage usage = call.usage();
		if (!usage.reported()) {
			unpriced(requestModel, (usage.state() == Usage.State.MISSING) ? NO_USAGE : INVALID_USAGE);
			return response;
		}
		String answered = (response != null) ? response.modelName() : null;
		ModelPrice price = (answered != null) ? this.prices.price(answered) : null;
		if (price == null) {
			price = this.prices.price(requestModel);
		}
		if (price == null) {
			unpriced(requestModel, UNKNOWN_MODEL);
			return response;
		}
		BigDecimal cost = price.cost(usage);
		if (cost.signum() < 0) {
			return response;
		}
		CallCost called = new CallCost(cost, this.currency);
		call.fact(called);
		Run run = call.run();
		if (run != null) {
			run.fact(RunCost.class, RunCost::new).add(called);
			Run workflow = run.parent();
			if (workflow != null) {
				workflow.fact(RunCost.class, RunCost::new).add(called);
			}
		}
		count(call.operation(), (run != null) ? run.agent() : TagKeys.AGENT_NONE, requestModel,
				ProviderNames.of(call.provider()), cost);
		return response;
	}

	private void count(String operation, String agent, String requestModel, String provider, BigDecimal cost) {
		CostKey key = new CostKey(operation, agent, requestModel, provider);
		Costs meters = this.costs.get(key);
		if (meters == null) {
			meters = this.costs.computeIfAbsent(key, this::costs);
		}
		double amount = cost.doubleValue();
		meters.perCall().record(amount);
		Counter total = meters.total();
		if (total != null) {
			total.increment(amount);
		}
	}

	private Costs costs(CostKey key) {
		DistributionSummary perCall = DistributionSummary.builder(MeterNames.OPERATION_COST)
			.description("What each GenAI model call cost, from its token usage and the price table")
			.baseUnit(this.currency)
			.tag(TagKeys.OPERATION_NAME, key.operation())
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag(TagKeys.REQUEST_MODEL, key.requestModel())
			.tag(TagKeys.PROVIDER_NAME, key.provider())
			.serviceLevelObjectives(COST_BUCKETS)
			.register(this.registry);
		Counter total = !this.conventions.previous() ? null : Counter.builder(MeterNames.CLIENT_COST)
			.description("What GenAI model calls cost, from their token usage and the price table")
			.baseUnit(this.currency)
			.tag(TagKeys.AGENT_NAME, key.agent())
			.tag(TagKeys.REQUEST_MODEL, key.requestModel())
			.tag(TagKeys.PROVIDER_NAME, key.provider())
			.register(this.registry);
		return new Costs(perCall, total);
	}

	/** A step of another kind that called a model (an embedding call) costs what its tokens cost. */
	@Override
	public void stepEnded(Step step) {
		ModelUsage used = step.fact(ModelUsage.class);
		if (used == null || !used.usage().reported()) {
			return;
		}
		ModelPrice price = this.prices.price(used.model());
		if (price == null) {
			unpriced(used.model(), UNKNOWN_MODEL);
			return;
		}
		BigDecimal cost = price.cost(used.usage());
		if (cost.signum() < 0) {
			return;
		}
		CallCost called = new CallCost(cost, this.currency);
		step.fact(called);
		Run run = step.run();
		if (run != null) {
			run.fact(RunCost.class, RunCost::new).add(called);
			Run workflow = run.parent();
			if (workflow != null) {
				workflow.fact(RunCost.class, RunCost::new).add(called);
			}
		}
		count(step.kind().operation(), (run != null) ? run.agent() : TagKeys.AGENT_NONE, used.model(),
				used.provider(), cost);
	}

	@Override
	public void runEnded(Run run, RunRecord record) {
		RunCost ran = record.fact(RunCost.class);
		BigDecimal cost = (ran != null) ? ran.amount() : null;
		if (cost == null) {
			return;
		}
		this.runCosts.computeIfAbsent(record.agent(), (agent) -> DistributionSummary.builder(MeterNames.RUN_COST)
			.description("What agent runs cost")
			.baseUnit(this.currency)
			.tag(TagKeys.AGENT_NAME, agent)
			.publishPercentiles(0.5, 0.95, 0.99)
			.register(this.registry)).record(cost.doubleValue());
	}

	private void unpriced(String requestModel, String reason) {
		this.unpriced.computeIfAbsent(new UnpricedKey(requestModel, reason), (key) -> Counter
			.builder(MeterNames.COST_UNPRICED)
			.description("Model calls that got no cost: a model the price table does not know, or usage missing or "
					+ "not believable")
			.tag(TagKeys.REQUEST_MODEL, key.requestModel())
			.tag("reason", key.reason())
			.register(this.registry)).increment();
	}

	private record CostKey(String operation, String agent, String requestModel, String provider) {
	}

	private record Costs(DistributionSummary perCall, @Nullable Counter total) {
	}

	private record UnpricedKey(String requestModel, String reason) {
	}

}
